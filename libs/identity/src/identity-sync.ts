import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { identitySchemas } from '@ido/internal-api';
import type { ServiceConfig } from '@ido/platform-config';
import { NatsTransport } from '@ido/platform-messaging';
import { type HealthCheck, HealthRegistry, ServiceMetrics } from '@ido/platform-observability';
import { SERVICE_CONFIG } from '@ido/platform-runtime';
import type { NatsConnection, Subscription } from 'nats';
import { accessGuard } from './access-guard';
import { AccessPolicy } from './access-policy';
import { AccessState } from './access-state';
import { followIdentityEvents } from './identity-events';
import { registerIdentityMetrics } from './identity-metrics';
import { FeatureFlags } from './module-flags';
import { TokenVerifier } from './token-verifier';

export interface IdentitySettings {
  /** Full reload of the access snapshot and JWKS, healing any missed event. */
  syncIntervalMs: number;
  /** First retry after a failed load; doubles up to syncIntervalMs. */
  retryMs: number;
  /** Least time between reloads or JWKS refetches asked for by requests (unknown tenant or kid). */
  onDemandRefetchMs: number;
  tokenCacheSize: number;
  /**
   * Whether this service keeps data of the platform tenant (its operators' own records,
   * e.g. the audit log of operator changes) and so gives it a schema like any tenant.
   */
  keepsPlatformData: boolean;
  /**
   * Whether the service reports not ready until identity's access state and keys
   * first loaded: for a service that load balancers send HTTP traffic to (the
   * gateway), which would otherwise answer 503 in its first moments. NATS services
   * get work through queue groups, which readiness does not gate.
   */
  gatesReadiness: boolean;
}

export const IDENTITY_SETTINGS = Symbol('IDENTITY_SETTINGS');

/**
 * Puts the access guard on the service's transport and keeps the access state and
 * keys current: events, periodic reloads with retry, reload after a reconnect.
 */
@Injectable()
export class IdentitySync implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Identity');
  private subscriptions?: Subscription[];
  private timer?: NodeJS.Timeout;
  private failures = 0;
  private stopped = false;

  constructor(
    @Inject(NatsTransport) private readonly transport: NatsTransport,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    @Inject(AccessPolicy) policy: AccessPolicy,
    @Inject(AccessState) private readonly state: AccessState,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(FeatureFlags) private readonly flags: FeatureFlags,
    @Inject(ServiceMetrics) metrics: ServiceMetrics,
    @Inject(HealthRegistry) health: HealthRegistry,
  ) {
    // In the constructor, not onModuleInit: createServiceApp starts the microservice
    // before Nest's init hooks run, and no request may ever reach a handler unguarded.
    const guard = accessGuard(policy, businessModuleOf(config.service), this.log);
    transport.use((invocation, next) => {
      this.start();
      return guard(invocation, next);
    });
    // Core NATS keeps nothing for a disconnected subscriber: whatever was published meanwhile is reloaded.
    transport.on('reconnect', () => this.resync());
    registerIdentityMetrics(metrics.registry, verifier, state);
    if (settings.gatesReadiness) health.register(identityLoaded(state, verifier));
  }

  onApplicationBootstrap(): void {
    this.start();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const subscription of this.subscriptions ?? []) subscription.unsubscribe();
    await this.flags.close();
  }

  /** At bootstrap or the first request, whichever comes first once the transport listens. */
  private start(): void {
    if (this.subscriptions || this.stopped) return;
    const connection = this.connection();
    if (!connection) return;
    // Subscribed before the first load, so nothing published after the snapshot is missed.
    this.subscriptions = followIdentityEvents(connection, this.config.namespace, { state: this.state, verifier: this.verifier }, this.log);
    void this.sync();
  }

  private connection(): NatsConnection | undefined {
    try {
      return this.transport.unwrap<NatsConnection>();
    } catch {
      return undefined;
    }
  }

  private async sync(): Promise<void> {
    const failed = await this.reloadAll();
    if (this.stopped) return;
    this.failures = failed ? this.failures + 1 : 0;
    const delay = failed ? Math.min(this.settings.retryMs * 2 ** (this.failures - 1), this.settings.syncIntervalMs) : this.settings.syncIntervalMs;
    // A resync may run beside the timer's sync: whichever ends last keeps the one timer.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.sync(), delay).unref();
  }

  /** After a reconnect: at once, and on failure with the same backoff as at start. */
  private resync(): void {
    if (this.subscriptions && !this.stopped) void this.sync();
  }

  /** Whether it failed; the first failure of a streak is logged, and the recovery. */
  private async reloadAll(): Promise<boolean> {
    const results = await Promise.allSettled([this.state.reload(), this.verifier.refreshKeys()]);
    const failure = results.find((result) => result.status === 'rejected');
    if (failure && this.failures === 0) this.log.warn(`cannot load access state or keys from identity (${messageOf(failure.reason)}); requests needing them get UNAVAILABLE; retrying`);
    if (!failure && this.failures > 0) this.log.log('access state and keys loaded from identity');
    return failure !== undefined;
  }
}

/** Readiness: the access state and signing keys came from identity at least once (later outages keep the last). */
function identityLoaded(state: AccessState, verifier: TokenVerifier): HealthCheck {
  return {
    name: 'identity',
    probe: async () => {
      if (!state.loaded || !verifier.hasKeys) throw new Error('access state and signing keys not loaded from identity yet');
    },
  };
}

/** The business module a service is (its flag gates every request); none for identity, audit, gateway. */
function businessModuleOf(service: string): string | undefined {
  const module = identitySchemas.moduleName.safeParse(service);
  return module.success ? module.data : undefined;
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
