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

interface Entry {
  pool: Pool;
  ids: TenantIdentifiers;
  lastUsed: number;
  borrowed: number;
}

/**
 * Per-tenant `pg` pools that connect as the tenant's login role and become the
 * tenant role (`-c role`) with the tenant schema as search_path before any query
 * runs. Pools live in an LRU bounded so the process never holds more than
 * `maxConnections` connections, and idle pools are closed.
 */
export class TenantPools {
  private readonly entries = new Map<string, Entry>();
  private readonly closing = new Set<Promise<void>>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly settings: TenantPoolSettings) {
    if (settings.perTenant > settings.maxConnections) throw new Error('perTenant cannot exceed maxConnections');
    this.sweeper = setInterval(() => void this.evictIdle(), Math.max(250, settings.idleMs / 2)).unref();
  }

  /** The pool of one tenant; hold it only for one unit of work (see `use`). */
  async use<T>(tenantId: string, work: (pool: Pool, ids: TenantIdentifiers) => Promise<T>): Promise<T> {
    const entry = await this.acquire(tenantId);
    try {
      return await work(entry.pool, entry.ids);
    } finally {
      entry.borrowed--;
      entry.lastUsed = Date.now();
    }
  }

  get openPools(): number {
    return this.entries.size;
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    const all = [...this.entries.keys()].map((tenantId) => this.evict(tenantId));
    await Promise.all([...all, ...this.closing]);
  }

  /** Returns the tenant's entry already borrowed, so no eviction can race the caller. */
  private async acquire(tenantId: string): Promise<Entry> {
    const existing = this.entries.get(tenantId);
    if (existing) return this.borrow(tenantId, existing);
    const ids = tenantIdentifiers(this.settings.databaseName, tenantId);
    const maxPools = Math.floor(this.settings.maxConnections / this.settings.perTenant);
    while (this.entries.size + this.closing.size >= maxPools) {
      const victim = [...this.entries.entries()].find(([, e]) => e.borrowed === 0)?.[0];
      if (victim) this.evict(victim);
      await Promise.race([...this.closing, new Promise((resolve) => setTimeout(resolve, 5))]);
      const raced = this.entries.get(tenantId);
      if (raced) return this.borrow(tenantId, raced);
    }
    const entry: Entry = { pool: this.createPool(ids), ids, lastUsed: Date.now(), borrowed: 0 };
    return this.borrow(tenantId, entry);
  }

  private borrow(tenantId: string, entry: Entry): Entry {
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
    });
    pool.on('error', () => undefined);
    // Queued before any query of the pool's user, so it runs first. Not a start-up
    // `-c role`, which RESET ROLE would return to: after RESET the login role has nothing.
    pool.on('connect', (client) => {
      client.query(`SET ROLE ${quoteIdent(ids.role)}`).catch(() => client.end());
    });
    return pool;
  }

  private evict(tenantId: string): Promise<void> {
    const entry = this.entries.get(tenantId);
    if (!entry) return Promise.resolve();
    this.entries.delete(tenantId);
    const closing: Promise<void> = entry.pool.end().finally(() => this.closing.delete(closing));
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
