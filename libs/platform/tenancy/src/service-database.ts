import type { HealthCheck } from '@ido/platform-observability';
import { Client, Pool } from 'pg';

const identifier = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Creates the service's own database on the server if it is missing. Safe when
 * replicas start together: losing the creation race is success.
 */
export async function ensureServiceDatabase(adminUrl: string, name: string): Promise<'created' | 'existed'> {
  if (!identifier.test(name)) throw new Error(`refusing database name ${JSON.stringify(name)}`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return 'existed';
    await admin.query(`CREATE DATABASE "${name}"`);
    return 'created';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P04' || code === '23505') return 'existed';
    throw error;
  } finally {
    await admin.end();
  }
}

/** Tenant schemas are named `t_<tenantId>` (ARCHITECTURE §3). */
export const tenantSchemaPattern = 't\\_%';

/** The service's connection to its own database, for work that is not tenant-scoped. */
export class ServiceDatabase {
  readonly pool: Pool;

  constructor(url: string, poolMax: number) {
    this.pool = new Pool({ connectionString: url, max: poolMax, idleTimeoutMillis: 30_000, allowExitOnIdle: true });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    this.pool.on('error', () => undefined);
  }

  async countTenants(): Promise<number> {
    const result = await this.pool.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM pg_namespace WHERE nspname LIKE $1',
      [tenantSchemaPattern],
    );
    return result.rows[0]?.count ?? 0;
  }

  healthCheck(): HealthCheck {
    return { name: 'database', probe: async () => void (await this.pool.query('SELECT 1')) };
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
