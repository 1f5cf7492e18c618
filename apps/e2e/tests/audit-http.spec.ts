import { AuditLog, OutboxRelay, outboxMigration } from '@ido/audit';
import { auditV1 } from '@ido/internal-api';
import { ensureServiceDatabase, MaintenanceDatabase, TenantClients, withActor } from '@ido/platform-tenancy';
import { databaseUrlOf, infrastructureUrls } from '@ido/platform-testing';
import { connect } from 'nats';
import type { Pool } from 'pg';
import { type GatewayClient, gatewayClient, operatorEnv, platformOperator } from './gateway-client';
import { type RunningSystem, startSystem } from './system';

/*
 * The audit log through the public HTTP API, every service a process: identity audits
 * the tenant's first admin, a business service (played by this test: its outbox and the
 * relay) records changes, the audit service logs them, and each tenant's admin reads and
 * verifies only its own log.
 */

describe('audit over HTTP', () => {
  let system: RunningSystem;
  let client: GatewayClient;
  beforeAll(async () => {
    system = await startSystem(operatorEnv);
    client = gatewayClient(system.url('gateway'));
  });
  afterAll(() => system?.stop());

  const http: GatewayClient['http'] = (method, path, options) => client.http(method, path, options);

  const tenantAdmin = async (operatorToken: string, id: string): Promise<string> => (await client.createTenant(operatorToken, id, ['sales'])).tokens.accessToken;

  it("lists and verifies a tenant's own log, newest first, and nothing of another tenant", { timeout: 60_000 }, async () => {
    const ops = await client.operatorToken();
    // Right after start the gateway may still be loading identity's keys and access state (503 meanwhile).
    await expect.poll(async () => (await http('GET', '/v1/auth/me', { token: ops })).status, { timeout: 10_000 }).toBe(200);
    const acme = await tenantAdmin(ops, 'acme');
    const globex = await tenantAdmin(ops, 'globex');

    const { databaseUrl, natsUrl } = infrastructureUrls();
    const database = `${system.namespace}_crm`;
    await ensureServiceDatabase(databaseUrl, database);
    const url = databaseUrlOf(database);
    const maintenance = new MaintenanceDatabase({ url, databaseName: database, migrations: [outboxMigration], roleSecret: 'e2e-audit' });
    const pools = new TenantClients<Pool>({ url, databaseName: database, roleSecret: 'e2e-audit', perTenant: 1, maxConnections: 4, idleMs: 60_000 });
    const nats = await connect({ servers: natsUrl });
    const relay = new OutboxRelay(maintenance, () => nats, { namespace: system.namespace });
    try {
      await maintenance.provisionTenant('acme');
      await relay.start();
      const audit = new AuditLog('sales');
      for (const id of ['l-1', 'l-2', 'l-3']) {
        await pools.use('acme', (pool) =>
          withActor(pool, { id: 'u-9', roles: [] }, (tx) =>
            audit.record(tx, { tenant: 'acme', actor: { kind: 'user', id: 'u-9' }, action: 'sales.lead.create', entity: { type: 'lead', id }, after: { id, password: 'never logged' } }),
          ),
        );
      }

      const page = async (token: string, query = '') => auditV1.eventsList.reply.parse((await http('GET', `/v1/audit/events${query}`, { token })).body);
      await expect.poll(async () => (await page(acme)).items.length, { timeout: 15_000 }).toBe(5);
      const leads = '?action=sales.lead.create';
      const first = await page(acme, `${leads}&limit=2`);
      expect(first.items.map((e) => e.entity.id)).toEqual(['l-3', 'l-2']);
      expect(first.items[0]?.after).toEqual({ id: 'l-3', password: '[redacted]' });
      expect((await page(acme, `${leads}&limit=2&cursor=${first.nextCursor}`)).items.map((e) => e.entity.id)).toEqual(['l-1']);
      expect((await page(acme, '?entityId=l-2')).items).toHaveLength(1);

      // Identity audited the admin it created for the operator, in acme's own log.
      const adminCreated = await page(acme, '?action=identity.user.create');
      expect(adminCreated.items).toMatchObject([{ source: 'identity', actor: { kind: 'user' }, entity: { type: 'user' }, after: { email: 'admin@acme.test' } }]);
      // The operator's creation of the tenant is in the tenant's own log too (written in the platform's outbox).
      expect((await page(acme, '?action=identity.tenant.create')).items).toMatchObject([{ source: 'identity', entity: { type: 'tenant', id: 'acme' } }]);
      await expect.poll(async () => (await page(globex)).items.map((e) => e.action).sort(), { timeout: 15_000 }).toEqual(['identity.tenant.create', 'identity.user.create']);

      expect(await http('POST', '/v1/audit/verify', { token: acme, body: {} })).toMatchObject({ status: 200, body: { intact: true, checked: 5, headSeq: 5 } });
      expect((await http('GET', '/v1/audit/events')).status).toBe(401);
      expect((await http('GET', '/v1/audit/events?limit=0', { token: acme })).status).toBe(400);
    } finally {
      await relay.stop();
      await nats.close();
      await pools.close();
      await maintenance.close();
    }
  });

  it("lets the platform's operators read and verify the platform's own log", { timeout: 60_000 }, async () => {
    const ops = await client.operatorToken();
    const page = async (query = '') => auditV1.eventsList.reply.parse((await http('GET', `/v1/audit/events${query}`, { token: ops })).body);
    // Identity recorded the first operator it created from its environment, in the platform's log.
    await expect
      .poll(async () => (await http('GET', '/v1/audit/events?action=identity.user.create', { token: ops })).status, { timeout: 15_000 })
      .toBe(200);
    const created = await page('?action=identity.user.create');
    expect(created.items).toMatchObject([{ source: 'identity', actor: { kind: 'service', id: 'identity' }, after: { email: platformOperator.email, roles: ['platform-admin'] } }]);
    expect(await http('POST', '/v1/audit/verify', { token: ops, body: {} })).toMatchObject({ status: 200, body: { intact: true } });
  });
});
