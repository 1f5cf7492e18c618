import { type EventPayloadOf, identityEvents, identityV1 } from '@ido/internal-api';
import type { z } from 'zod';
import { Refresher } from './refresher';

export type AccessSnapshot = z.output<typeof identityV1.accessSnapshot.reply>;
export type AccessSnapshotSource = () => Promise<AccessSnapshot>;
export type TenantAccess = EventPayloadOf<typeof identityEvents.tenantChanged>;
export type SessionsRevoked = EventPayloadOf<typeof identityEvents.sessionsRevoked>;

interface TenantEntry {
  suspended: boolean;
  modules: ReadonlySet<string>;
}

export interface AccessStateOptions {
  /** Least time between reloads asked for by requests (unknown tenant, not loaded yet). Default 5 s. */
  onDemandReloadMs?: number;
}

/**
 * What a token's signature cannot tell: whether its tenant is still active, which
 * modules it has, and whether its session was revoked. Loaded from identity's
 * snapshot, kept current by identity's events; a reload replaces it entirely.
 */
export class AccessState {
  private tenants = new Map<string, TenantEntry>();
  /** Session id → when its tokens expire anyway (ms), after which the entry is useless. */
  private revoked = new Map<string, number>();
  private loadedAt?: number;
  private readonly createdAt = Date.now();
  /** Events that arrive while a snapshot is on its way are re-applied over it (the snapshot may predate them). */
  private eventsDuringLoad?: Array<() => void>;
  private readonly tenantListeners = new Set<() => void>();
  private readonly loader: Refresher;

  constructor(
    private readonly source: AccessSnapshotSource,
    options: AccessStateOptions = {},
  ) {
    this.loader = new Refresher(() => this.load(), options.onDemandReloadMs ?? 5_000);
  }

  get loaded(): boolean {
    return this.loadedAt !== undefined;
  }

  /** Seconds since the last full load (since start while it never loaded). */
  get ageSeconds(): number {
    return (Date.now() - (this.loadedAt ?? this.createdAt)) / 1_000;
  }

  /** Every tenant identity has told us of, suspended ones included. */
  tenantIds(): string[] {
    return [...this.tenants.keys()];
  }

  knows(tenant: string): boolean {
    return this.tenants.has(tenant);
  }

  /** An unknown tenant counts as suspended (fail closed); `knows()` tells them apart. */
  isSuspended(tenant: string): boolean {
    return this.tenants.get(tenant)?.suspended ?? true;
  }

  moduleEnabled(tenant: string, module: string): boolean {
    return this.tenants.get(tenant)?.modules.has(module) ?? false;
  }

  isRevoked(sessionId: string): boolean {
    const until = this.revoked.get(sessionId);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.revoked.delete(sessionId);
    return false;
  }

  /** A full reload that starts after this call. */
  reload(): Promise<void> {
    return this.loader.run();
  }

  /** For request paths: joins a load in flight, else reloads unless one started recently. */
  reloadOnDemand(): Promise<void> {
    return this.loader.runAtMostEvery().catch(() => undefined);
  }

  applyTenant(access: TenantAccess): void {
    this.record(() => this.setTenant(access));
    this.notifyTenants();
  }

  applyRevocation(event: SessionsRevoked): void {
    this.record(() => this.revoke(event.sessionIds, Date.parse(event.until)));
  }

  /** Called when a tenant's status or modules may have changed. Returns the unsubscribe. */
  onTenantsChanged(listener: () => void): () => void {
    this.tenantListeners.add(listener);
    return () => this.tenantListeners.delete(listener);
  }

  private async load(): Promise<void> {
    this.eventsDuringLoad = [];
    try {
      const snapshot = identityV1.accessSnapshot.reply.parse(await this.source());
      const before = this.tenants;
      this.tenants = new Map();
      for (const tenant of snapshot.tenants) this.setTenant({ tenant: tenant.id, status: tenant.status, modules: tenant.modules });
      this.revoked = new Map();
      for (const entry of snapshot.revokedSessions) this.revoke([entry.sessionId], Date.parse(entry.until));
      for (const replay of this.eventsDuringLoad) replay();
      this.loadedAt = Date.now();
      if (!sameTenants(before, this.tenants)) this.notifyTenants();
    } finally {
      this.eventsDuringLoad = undefined;
    }
  }

  private record(change: () => void): void {
    change();
    this.eventsDuringLoad?.push(change);
  }

  private setTenant({ tenant, status, modules }: TenantAccess): void {
    this.tenants.set(tenant, { suspended: status === 'suspended', modules: new Set(modules) });
  }

  private revoke(sessionIds: readonly string[], until: number): void {
    if (until <= Date.now()) return;
    for (const sessionId of sessionIds) this.revoked.set(sessionId, Math.max(until, this.revoked.get(sessionId) ?? 0));
  }

  private notifyTenants(): void {
    for (const listener of this.tenantListeners) listener();
  }
}

function sameTenants(a: Map<string, TenantEntry>, b: Map<string, TenantEntry>): boolean {
  if (a.size !== b.size) return false;
  for (const [tenant, entry] of a) {
    const other = b.get(tenant);
    if (!other || other.suspended !== entry.suspended || other.modules.size !== entry.modules.size) return false;
    if ([...entry.modules].some((module) => !other.modules.has(module))) return false;
  }
  return true;
}
