import { combineMigrations, defineMigration, ensureServiceDatabase, MaintenanceDatabase, TenantClients } from '@ido/platform-tenancy';
import { databaseUrlOf, dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { outboxMigration } from '../src';

/** A service's own table, beside the platform's outbox. */
export const widgetMigration = defineMigration(
  '20261204000100_widget',
  `CREATE TABLE widget (id text PRIMARY KEY, name text NOT NULL, api_key text);`,
);

/** A persisting service's database on the real Postgres, with the outbox in each tenant schema. */
export async function outboxFixture(tenants: string[]) {
  const namespace = newTestNamespace();
  const databaseName = `${namespace}_svc`;
  const { databaseUrl } = infrastructureUrls();
  await ensureServiceDatabase(databaseUrl, databaseName);
  const url = databaseUrlOf(databaseName);
  const roleSecret = `secret-${namespace}`;
  const migrations = combineMigrations([[outboxMigration], [widgetMigration]]);
  const maintenance = new MaintenanceDatabase({ url, databaseName, migrations, roleSecret });
  for (const tenant of tenants) await maintenance.provisionTenant(tenant);
  const pools = new TenantClients({ url, databaseName, roleSecret, perTenant: 2, maxConnections: 20, idleMs: 60_000 });
  return {
    namespace,
    maintenance,
    pools,
    async cleanup() {
      await pools.close();
      await maintenance.close();
      await dropNamespaceDatabases(namespace);
    },
  };
}
