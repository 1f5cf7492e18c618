import { randomUUID } from 'node:crypto';
import { ensureServiceDatabase, MaintenanceDatabase, TenantClients } from '@ido/platform-tenancy';
import { databaseUrlOf, dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { Client, type Pool } from 'pg';
import type { AuditRecord } from '@ido/audit';
import { AuditLedger } from '../src/ingest/audit-ledger';
import { AuditStore } from '../src/store/audit-store';

/** The audit database on the real Postgres: shared schema prepared, tenants provisioned for reads. */
export async function auditStoreFixture(tenants: string[]) {
  const namespace = newTestNamespace();
  const databaseName = `${namespace}_audit`;
  const { databaseUrl } = infrastructureUrls();
  await ensureServiceDatabase(databaseUrl, databaseName);
  const url = databaseUrlOf(databaseName);
  const roleSecret = `secret-${namespace}`;
  const maintenance = new MaintenanceDatabase({ url, databaseName, migrations: [], roleSecret });
  const store = new AuditStore(maintenance, databaseName);
  await store.prepare();
  for (const tenant of tenants) await maintenance.provisionTenant(tenant);
  const pools = new TenantClients<Pool>({ url, databaseName, roleSecret, perTenant: 2, maxConnections: 20, idleMs: 60_000 });
  return {
    namespace,
    databaseName,
    maintenance,
    store,
    pools,
    ledger: new AuditLedger(maintenance, store),
    /** A superuser session on the audit database: what only a test (or an attacker with the server) has. */
    async superuser<T>(work: (client: Client) => Promise<T>): Promise<T> {
      const client = new Client({ connectionString: url });
      await client.connect();
      try {
        return await work(client);
      } finally {
        await client.end();
      }
    },
    async cleanup() {
      await pools.close();
      await maintenance.close();
      await dropNamespaceDatabases(namespace);
    },
  };
}

export function auditRecord(tenant: string, overrides: Partial<AuditRecord> = {}): AuditRecord {
  return {
    id: randomUUID(),
    tenant,
    actor: { kind: 'user', id: 'u-1' },
    action: 'sales.lead.update',
    entity: { type: 'lead', id: 'l-1' },
    before: { stage: 'new' },
    after: { stage: 'won', amount: 12.5 },
    requestId: 'req-1',
    traceId: null,
    source: 'sales',
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}
