import { dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { join } from 'node:path';
import { ensureServiceDatabase, loadMigrations, MaintenanceDatabase, type Migration, TenantClients } from '../src';

export const fixtureMigrations = loadMigrations(join(import.meta.dirname, 'fixtures', 'migrations'));

/** A fresh service database on the real Postgres, with maintenance and tenant access to it. */
export async function tenancyFixture(options: { migrations?: Migration[]; maxConnections?: number; perTenant?: number } = {}) {
  const namespace = newTestNamespace();
  const databaseName = `${namespace}_svc`;
  const { databaseUrl } = infrastructureUrls();
  await ensureServiceDatabase(databaseUrl, databaseName);
  const url = Object.assign(new URL(databaseUrl), { pathname: `/${databaseName}` }).toString();
  const roleSecret = `secret-${namespace}`;
  const maintenance = (migrations = options.migrations ?? fixtureMigrations) =>
    new MaintenanceDatabase({ url, databaseName, migrations, roleSecret, parallelism: 4 });
  const main = maintenance();
  const pools = new TenantClients({
    url,
    databaseName,
    roleSecret,
    perTenant: options.perTenant ?? 2,
    maxConnections: options.maxConnections ?? 10,
    idleMs: 60_000,
  });
  const opened: MaintenanceDatabase[] = [main];
  return {
    databaseName,
    url,
    roleSecret,
    maintenance: main,
    pools,
    /** Another replica's maintenance connection, possibly with other migration files. */
    replica(migrations?: Migration[]) {
      const other = maintenance(migrations);
      opened.push(other);
      return other;
    },
    async cleanup() {
      await pools.close();
      for (const m of opened) await m.close();
      await dropNamespaceDatabases(namespace);
      // Tenant roles are server-wide; drop the ones this database created.
      await dropRolesOf(databaseName, url);
    },
  };
}

async function dropRolesOf(databaseName: string, url: string) {
  const { Client } = await import('pg');
  const { databaseTag } = await import('../src');
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    const tag = databaseTag(databaseName);
    const roles = await admin.query<{ rolname: string }>(
      `SELECT rolname FROM pg_roles WHERE rolname LIKE $1 OR rolname LIKE $2 OR rolname = $3 ORDER BY length(rolname) DESC`,
      [`t\\_%\\_${tag}`, `t\\_%\\_${tag}\\_login`, `o_${tag}`],
    );
    for (const { rolname } of roles.rows) await admin.query(`DROP ROLE IF EXISTS "${rolname}"`);
  } finally {
    await admin.end();
  }
}
