import { databaseUrlOf, dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { join } from 'node:path';
import { ensureServiceDatabase, loadMigrations, MaintenanceDatabase, type Migration, TenantClients } from '../src';

export const fixtureMigrations = loadMigrations(join(import.meta.dirname, 'fixtures', 'migrations'));

/** A fresh service database on the real Postgres, with maintenance and tenant access to it. */
export async function tenancyFixture(options: { migrations?: Migration[]; maxConnections?: number; perTenant?: number } = {}) {
  const namespace = newTestNamespace();
  const databaseName = `${namespace}_svc`;
  const { databaseUrl } = infrastructureUrls();
  await ensureServiceDatabase(databaseUrl, databaseName);
  const url = databaseUrlOf(databaseName);
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
    },
  };
}
