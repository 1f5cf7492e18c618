/** A dependency the service cannot serve without (its database, NATS). */
export interface HealthCheck {
  name: string;
  /** Resolves when the dependency answers; rejects (or times out) otherwise. */
  probe(): Promise<void>;
}

export interface Readiness {
  ready: boolean;
  checks: Record<string, 'up' | string>;
}

const probeTimeoutMs = 2_000;

function withTimeout(check: HealthCheck): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${probeTimeoutMs} ms`)), probeTimeoutMs);
    check.probe().then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export class HealthRegistry {
  private readonly checks: HealthCheck[] = [];
  private draining = false;

  register(check: HealthCheck): void {
    this.checks.push(check);
  }

  /** Once draining, readiness fails so load balancers stop sending work. */
  startDraining(): void {
    this.draining = true;
  }

  async readiness(): Promise<Readiness> {
    const entries = await Promise.all(
      this.checks.map(async (check) => {
        try {
          await withTimeout(check);
          return [check.name, 'up'] as const;
        } catch (error) {
          return [check.name, `down: ${(error as Error).message}`] as const;
        }
      }),
    );
    const checks: Record<string, string> = Object.fromEntries(entries);
    if (this.draining) checks['shutdown'] = 'down: draining';
    return { ready: Object.values(checks).every((state) => state === 'up'), checks };
  }
}
