import { Pool } from 'pg';
import { tenantRolePassword } from './maintenance-database';
import { quoteIdent, type TenantIdentifiers, tenantIdentifiers } from './tenant-id';

export interface TenantPoolSettings {
  /** URL of the service database; its user and password are replaced per tenant. */
  url: string;
  databaseName: string;
  roleSecret: string;
  /** Connections per tenant pool. */
  perTenant: number;
  /** Hard cap on open connections across all tenants of this process. */
  maxConnections: number;
  /** A tenant pool idle this long is closed. */
  idleMs: number;
}

/** Builds the client handed to callers (e.g. a Prisma client over the pool); disposed on eviction. */
export interface TenantClientFactory<C> {
  create(pool: Pool, ids: TenantIdentifiers): C;
  dispose(client: C): Promise<void>;
}

/** By default callers get the tenant's `pg` pool itself. */
const poolItself: TenantClientFactory<Pool> = { create: (pool) => pool, dispose: async () => undefined };

export interface TenantConnection<C> {
  client: C;
  pool: Pool;
  ids: TenantIdentifiers;
}

interface Entry<C> extends TenantConnection<C> {
  lastUsed: number;
  borrowed: number;
}

/**
 * Per-tenant clients over `pg` pools that connect as the tenant's login role, with
 * the tenant schema as search_path, and `SET ROLE` to the tenant role before any
 * query runs. Pools live in an LRU bounded so the process never holds more than
 * `maxConnections` connections, and idle pools are closed.
 */
export class TenantClients<C = Pool> {
  private readonly entries = new Map<string, Entry<C>>();
  private readonly closing = new Set<Promise<void>>();
  /** Acquirers waiting for a pool to be released (FIFO). */
  private readonly waiters: Array<() => void> = [];
  private readonly sweeper: NodeJS.Timeout;

  private readonly factory: TenantClientFactory<C>;

  constructor(
    private readonly settings: TenantPoolSettings,
    factory?: TenantClientFactory<C>,
  ) {
    this.factory = factory ?? (poolItself as unknown as TenantClientFactory<C>);
    if (settings.perTenant > settings.maxConnections) throw new Error('perTenant cannot exceed maxConnections');
    this.sweeper = setInterval(() => void this.evictIdle(), Math.max(250, settings.idleMs / 2)).unref();
  }

  /**
   * Lends the tenant's client for one unit of work. It is not evicted while lent;
   * do not keep it after `work` settles.
   */
  async use<T>(tenantId: string, work: (client: C, connection: TenantConnection<C>) => Promise<T>): Promise<T> {
    const entry = await this.acquire(tenantId);
    try {
      return await work(entry.client, entry);
    } finally {
      entry.lastUsed = Date.now();
      if (--entry.borrowed === 0) this.waiters.shift()?.();
    }
  }

  get openPools(): number {
    return this.entries.size;
  }

  /** Connections open now across all tenant pools (checked out or idle). */
  get openConnections(): number {
    let total = 0;
    for (const entry of this.entries.values()) total += entry.pool.totalCount;
    return total;
  }

  /** Pools opened and closed so far: churn shows an LRU too small for the working set. */
  readonly stats = { opened: 0, evicted: 0 };

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.entries.keys()].map((tenantId) => this.evict(tenantId));
    await Promise.all([...all, ...this.closing]);
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Returns the tenant's entry already borrowed, so no eviction can race the caller. */
  private async acquire(tenantId: string): Promise<Entry<C>> {
    const existing = this.entries.get(tenantId);
    if (existing) return this.borrow(tenantId, existing);
    const ids = tenantIdentifiers(this.settings.databaseName, tenantId);
    const maxPools = Math.floor(this.settings.maxConnections / this.settings.perTenant);
    while (this.entries.size + this.closing.size >= maxPools) {
      // Each waiter frees at most one slot for itself, and waits for a release when every pool is lent.
      const victim = this.leastRecentlyReleased();
      if (victim) await this.evict(victim);
      else await new Promise<void>((resolve) => this.waiters.push(resolve));
      const raced = this.entries.get(tenantId);
      if (raced) return this.borrow(tenantId, raced);
    }
    const pool = this.createPool(ids);
    this.stats.opened++;
    const entry: Entry<C> = { pool, ids, client: this.factory.create(pool, ids), lastUsed: Date.now(), borrowed: 0 };
    return this.borrow(tenantId, entry);
  }

  /** The idle pool released longest ago: a busy tenant's pool is never the one to go. */
  private leastRecentlyReleased(): string | undefined {
    let victim: string | undefined;
    let oldest = Infinity;
    for (const [tenantId, entry] of this.entries) {
      if (entry.borrowed === 0 && entry.lastUsed < oldest) [victim, oldest] = [tenantId, entry.lastUsed];
    }
    return victim;
  }

  private borrow(tenantId: string, entry: Entry<C>): Entry<C> {
    // Map order is the LRU order: re-insert on use.
    this.entries.delete(tenantId);
    this.entries.set(tenantId, entry);
    entry.borrowed++;
    return entry;
  }

  private createPool(ids: TenantIdentifiers): Pool {
    const url = new URL(this.settings.url);
    const pool = new Pool({
      host: decodeURIComponent(url.hostname),
      port: Number(url.port || 5432),
      database: this.settings.databaseName,
      user: ids.login,
      password: tenantRolePassword(this.settings.roleSecret, ids.login),
      ssl: url.searchParams.get('sslmode') === 'require' ? { rejectUnauthorized: false } : undefined,
      max: this.settings.perTenant,
      idleTimeoutMillis: this.settings.idleMs,
      allowExitOnIdle: true,
      options: `-c search_path=${quoteIdent(ids.schema)}`,
      // Awaited before the connection is handed out; a failure fails the acquire. Not a
      // start-up `-c role`, which RESET ROLE would return to: after RESET the login has nothing.
      onConnect: async (client) => void (await client.query(`SET ROLE ${quoteIdent(ids.role)}`)),
    });
    pool.on('error', () => undefined);
    return pool;
  }

  private evict(tenantId: string): Promise<void> {
    const entry = this.entries.get(tenantId);
    if (!entry) return Promise.resolve();
    this.entries.delete(tenantId);
    this.stats.evicted++;
    const closing: Promise<void> = this.factory
      .dispose(entry.client)
      .catch(() => undefined)
      .then(() => entry.pool.end())
      .finally(() => {
        this.closing.delete(closing);
        // A slot just came free: a waiter need not wait for the next release.
        this.waiters.shift()?.();
      });
    this.closing.add(closing);
    return closing;
  }

  private async evictIdle(): Promise<void> {
    const cutoff = Date.now() - this.settings.idleMs;
    for (const [tenantId, entry] of this.entries) {
      if (entry.borrowed === 0 && entry.lastUsed < cutoff) void this.evict(tenantId);
    }
  }
}
