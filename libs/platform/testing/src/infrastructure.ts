import { Client } from 'pg';
import { namespaceCreatedAt, testNamespacePrefix } from './test-namespace';

/** Real Postgres and NATS: env URLs, else the local defaults (global-setup may start containers). */
export function infrastructureUrls() {
  return {
    databaseUrl: process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: process.env['NATS_URL'] || 'nats://127.0.0.1:4222',
  };
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: infrastructureUrls().databaseUrl });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

export async function databasesOf(namespace: string): Promise<string[]> {
  return withAdmin(async (admin) => {
    const result = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname`,
      [`${namespace.replaceAll('_', '\\_')}\\_%`],
    );
    return result.rows.map((row) => row.datname);
  });
}

/** Drops every database of a test namespace, even with sessions still open. */
export async function dropNamespaceDatabases(namespace: string): Promise<void> {
  if (!namespace.startsWith(testNamespacePrefix)) throw new Error(`refusing to drop non-test namespace ${namespace}`);
  const names = await databasesOf(namespace);
  await withAdmin(async (admin) => {
    for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

export async function dropTestDatabase(name: string): Promise<void> {
  if (!name.startsWith(testNamespacePrefix)) throw new Error(`refusing to drop non-test database ${name}`);
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}

/** Removes databases left by test runs that were killed more than `olderThanMs` ago. */
export async function sweepStaleTestDatabases(olderThanMs: number): Promise<string[]> {
  const stale = await withAdmin(async (admin) => {
    const result = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'idot\\_%'`);
    const cutoff = Date.now() - olderThanMs;
    return result.rows.map((r) => r.datname).filter((name) => (namespaceCreatedAt(name)?.getTime() ?? Infinity) < cutoff);
  });
  await withAdmin(async (admin) => {
    for (const name of stale) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
  return stale;
}
