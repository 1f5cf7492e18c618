import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { dropNamespaceStreams } from './jetstream-cleanup';
import { namespaceCreatedAt, testNamespacePrefix } from './test-namespace';

/** Real Postgres and NATS: env URLs, else the local defaults (global-setup may start containers). */
export function infrastructureUrls() {
  return {
    databaseUrl: process.env['DATABASE_URL'] || 'postgres://postgres@127.0.0.1:5432/postgres',
    natsUrl: process.env['NATS_URL'] || 'nats://127.0.0.1:4222',
  };
}

/** The URL of one database on the test Postgres server (the server's URL with that database's name). */
export function databaseUrlOf(database: string): string {
  return Object.assign(new URL(infrastructureUrls().databaseUrl), { pathname: `/${database}` }).toString();
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

/**
 * Drops every database of a test namespace (and its tenant roles), even with sessions
 * open, and its JetStream streams (a service's outbox relay creates one per namespace).
 */
export async function dropNamespaceDatabases(namespace: string): Promise<void> {
  if (!namespace.startsWith(testNamespacePrefix)) throw new Error(`refusing to drop non-test namespace ${namespace}`);
  for (const name of await databasesOf(namespace)) await dropTestDatabase(name);
  await dropNamespaceStreams(namespace).catch(() => undefined);
}

export async function dropTestDatabase(name: string): Promise<void> {
  if (!name.startsWith(testNamespacePrefix)) throw new Error(`refusing to drop non-test database ${name}`);
  await withAdmin(async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await dropRolesTagged(admin, [roleTag(name)]);
  });
}

/**
 * Tenant roles are server-wide and named after a hash of their database
 * (platform-tenancy's `databaseTag`, mirrored here to keep the libs acyclic):
 * `t_<tenant>_<tag>[_login]`, the owner `o_<tag>`, and a service's own NOLOGIN
 * roles such as audit's writer `w_<tag>`.
 */
function roleTag(databaseName: string): string {
  return createHash('sha256').update(databaseName).digest('hex').slice(0, 8);
}

async function dropRolesTagged(admin: Client, tags: string[]): Promise<string[]> {
  if (!tags.length) return [];
  const roles = await admin.query<{ rolname: string }>(
    `SELECT rolname FROM pg_roles
      WHERE rolname ~ '^(t_[a-z0-9_]+_[0-9a-f]{8}(_login)?|[ow]_[0-9a-f]{8})$'
        AND substring(rolname from '([0-9a-f]{8})(_login)?$') = ANY($1)
      ORDER BY length(rolname) DESC`,
    [tags],
  );
  for (const { rolname } of roles.rows) await admin.query(`DROP ROLE IF EXISTS "${rolname}"`);
  return roles.rows.map((r) => r.rolname);
}

/** Tenant roles whose database is gone (a killed run never dropped them). */
async function sweepOrphanRoles(admin: Client): Promise<string[]> {
  const databases = await admin.query<{ datname: string }>('SELECT datname FROM pg_database');
  const live = new Set(databases.rows.map((d) => roleTag(d.datname)));
  const tagged = await admin.query<{ tag: string }>(
    `SELECT DISTINCT substring(rolname from '([0-9a-f]{8})(_login)?$') AS tag FROM pg_roles
      WHERE rolname ~ '^(t_[a-z0-9_]+_[0-9a-f]{8}(_login)?|[ow]_[0-9a-f]{8})$'`,
  );
  return dropRolesTagged(admin, tagged.rows.map((r) => r.tag).filter((tag) => !live.has(tag)));
}

/** Removes databases left by test runs that were killed more than `olderThanMs` ago. */
export async function sweepStaleTestDatabases(olderThanMs: number): Promise<string[]> {
  const stale = await withAdmin(async (admin) => {
    const result = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'idot\\_%'`);
    const cutoff = Date.now() - olderThanMs;
    return result.rows.map((r) => r.datname).filter((name) => (namespaceCreatedAt(name)?.getTime() ?? Infinity) < cutoff);
  });
  for (const name of stale) await dropTestDatabase(name);
  await withAdmin(sweepOrphanRoles);
  return stale;
}
