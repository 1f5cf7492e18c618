import { AuditLog, outboxMigration } from '@ido/audit';
import { combineMigrations, ensureServiceDatabase, MaintenanceDatabase, TenantClients, withActor } from '@ido/platform-tenancy';
import { databaseUrlOf, infrastructureUrls } from '@ido/platform-testing';
import { Client, type Pool } from 'pg';

/**
 * A business service's database in the test's namespace: the platform outbox in
 * each tenant schema, and an AuditLog recording changes the way its use cases do.
 */
export async function businessFixture(namespace: string, tenants: string[]) {
  const databaseName = `${namespace}_sales`;
  const { databaseUrl } = infrastructureUrls();
  await ensureServiceDatabase(databaseUrl, databaseName);
  const url = databaseUrlOf(databaseName);
  const roleSecret = `secret-${namespace}`;
  const maintenance = new MaintenanceDatabase({ url, databaseName, migrations: combineMigrations([[outboxMigration]]), roleSecret });
  for (const tenant of tenants) await maintenance.provisionTenant(tenant);
  const pools = new TenantClients<Pool>({ url, databaseName, roleSecret, perTenant: 2, maxConnections: 20, idleMs: 60_000 });
  const audit = new AuditLog('sales');
  return {
    maintenance,
    pools,
    /** `count` audited changes of one tenant, `perTransaction` to a commit. */
    async change(tenant: string, count: number, perTransaction = 50): Promise<void> {
      for (let done = 0; done < count; done += perTransaction) {
        await pools.use(tenant, (pool) =>
          withActor(pool, { id: 'u-1', roles: [] }, async (tx) => {
            for (let i = done; i < Math.min(count, done + perTransaction); i++) {
              await audit.record(tx, { tenant, actor: { kind: 'user', id: 'u-1' }, action: 'sales.lead.update', entity: { type: 'lead', id: `l-${i}` }, after: { i } });
            }
          }),
        );
      }
    },
    /** An audited change whose transaction then fails: returns the id its record would have had. */
    async changeThenRollBack(tenant: string): Promise<string> {
      let id = '';
      await pools
        .use(tenant, (pool) =>
          withActor(pool, { id: 'u-1', roles: [] }, async (tx) => {
            id = (await audit.record(tx, { tenant, actor: { kind: 'user', id: 'u-1' }, action: 'sales.lead.delete', entity: { type: 'lead', id: 'doomed' } })).id;
            throw new Error('rolled back after the audit call');
          }),
        )
        .catch(() => undefined);
      return id;
    },
    /** Every outbox id of every tenant: what must reach the log, each once. */
    async outboxIds(): Promise<string[]> {
      const sql = tenants.map((t) => `SELECT id::text FROM t_${t.replaceAll('-', '_')}.ido_outbox`).join(' UNION ALL ');
      return (await maintenance.query<{ id: string }>(sql)).rows.map((r) => r.id).sort();
    },
    async close(): Promise<void> {
      await pools.close();
      await maintenance.close();
    },
  };
}

/** Every event id in the audit log (as superuser: all tenants), duplicates included. */
export async function loggedIds(auditDatabaseName: string): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrlOf(auditDatabaseName) });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id::text FROM audit.audit_events');
    return rows.map((r) => r.id).sort();
  } finally {
    await client.end();
  }
}
