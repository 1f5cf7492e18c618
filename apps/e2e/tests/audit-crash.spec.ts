import { AuditLog, OutboxRelay, outboxMigration } from '@ido/audit';
import { ensureServiceDatabase, MaintenanceDatabase, TenantClients, withActor } from '@ido/platform-tenancy';
import { databaseUrlOf, dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { connect } from 'nats';
import { Client, type Pool } from 'pg';
import { startProcess } from './processes';

const tenants = ['acme', 'umbrella', 'globex'];
const { databaseUrl, natsUrl } = infrastructureUrls();

/** The built audit service as a process, as production runs it. */
const startAudit = (namespace: string) =>
  startProcess(['dist/apps/audit/main.js'], { IDO_NAMESPACE: namespace, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, HTTP_PORT: '0', LOG_LEVEL: 'warn' });

describe('audit service killed mid-consume', () => {
  it('logs every change exactly once, chained without gaps, after a SIGKILL and a restart', { timeout: 120_000 }, async () => {
    const namespace = newTestNamespace();
    const salesDb = `${namespace}_sales`;
    await ensureServiceDatabase(databaseUrl, salesDb);
    const roleSecret = `secret-${namespace}`;
    const maintenance = new MaintenanceDatabase({ url: databaseUrlOf(salesDb), databaseName: salesDb, migrations: [outboxMigration], roleSecret });
    const pools = new TenantClients<Pool>({ url: databaseUrlOf(salesDb), databaseName: salesDb, roleSecret, perTenant: 2, maxConnections: 10, idleMs: 60_000 });
    const nats = await connect({ servers: natsUrl });
    const relay = new OutboxRelay(maintenance, () => nats, { namespace });
    const audit = new AuditLog('sales');
    let log: Client | undefined;
    try {
      for (const tenant of tenants) await maintenance.provisionTenant(tenant);
      for (const tenant of tenants) {
        for (let batch = 0; batch < 5_000 / tenants.length / 50; batch++) {
          await pools.use(tenant, (pool) =>
            withActor(pool, { id: 'u-1', roles: [] }, async (tx) => {
              for (let i = 0; i < 50; i++) {
                await audit.record(tx, { tenant, actor: { kind: 'user', id: 'u-1' }, action: 'sales.lead.update', entity: { type: 'lead', id: `${batch}-${i}` } });
              }
            }),
          );
        }
      }
      await relay.start();
      const expected = (await maintenance.query<{ id: string }>(tenants.map((t) => `SELECT id::text FROM t_${t}.ido_outbox`).join(' UNION ALL '))).rows.map((r) => r.id).sort();

      const first = startAudit(namespace);
      const auditLog = await connectWhenCreated(databaseUrlOf(`${namespace}_audit`));
      log = auditLog;
      const logged = async () => {
        // Until the service created its schema, nothing is logged.
        const result = await auditLog.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit.audit_events`).catch(() => ({ rows: [{ n: 0 }] }));
        return result.rows[0]?.n ?? 0;
      };
      while ((await logged()) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      first.child.kill('SIGKILL');
      await first.finished;
      const atKill = await logged();
      expect(atKill).toBeLessThan(expected.length);

      const second = startAudit(namespace);
      try {
        const deadline = Date.now() + 60_000;
        while ((await logged()) < expected.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        const ids = (await auditLog.query<{ id: string }>('SELECT id::text FROM audit.audit_events')).rows.map((r) => r.id).sort();
        expect(ids).toEqual(expected);
        const chains = await auditLog.query<{ tenant_id: string; n: number; top: number }>(
          'SELECT tenant_id, count(*)::int AS n, max(seq)::int AS top FROM audit.audit_events GROUP BY tenant_id',
        );
        for (const chain of chains.rows) expect(chain.top).toBe(chain.n);
      } finally {
        second.child.kill('SIGINT');
        await second.finished;
      }
    } finally {
      await relay.stop();
      await nats.close();
      await log?.end().catch(() => undefined);
      await pools.close();
      await maintenance.close();
      await dropNamespaceDatabases(namespace);
    }
  });
});

/** The audit service creates its database at start: connect once it exists. */
async function connectWhenCreated(url: string): Promise<Client> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      return client;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
