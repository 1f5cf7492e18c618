import { Module } from '@nestjs/common';
import { startTestService, type TestService } from '@ido/platform-service-harness';
import { MaintenanceDatabase, TenantClients, withActor } from '@ido/platform-tenancy';
import type { Pool } from 'pg';
import { assertAudited } from './audit-assertions';
import { AuditLog } from './audit-log';
import { AuditOutboxModule } from './audit-outbox.module';
import { outboxMigration } from './outbox-migration';

@Module({ imports: [AuditOutboxModule.forService({ sweepMs: 200 })] })
class SalesLikeModule {}

describe('AuditOutboxModule in a service', () => {
  let service: TestService;
  beforeAll(async () => {
    service = await startTestService({ name: 'sales', module: SalesLikeModule, platformMigrations: [outboxMigration] });
    await service.app.get(MaintenanceDatabase).provisionTenant('acme');
  });
  afterAll(() => service.stop());

  it('gives new tenants the outbox, records with the service as source, and relays with metrics on /metrics', async () => {
    const tenants = service.app.get<TenantClients<Pool>>(TenantClients);
    const audit = service.app.get(AuditLog);
    await tenants.use('acme', (pool) =>
      withActor(pool, { id: 'u-1', roles: [] }, (tx) => audit.record(tx, { tenant: 'acme', actor: { kind: 'user', id: 'u-1' }, action: 'sales.lead.create', entity: { type: 'lead', id: 'l-1' } })),
    );
    expect(await assertAudited(tenants, 'acme', { action: 'sales.lead.create' })).toMatchObject({ source: 'sales' });
    await vi.waitFor(async () => expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(/^ido_outbox_published_total\{service="sales"\} 1$/m), { timeout: 5_000 });
    expect(await (await fetch(`${service.url}/metrics`)).text()).toMatch(/^ido_outbox_backlog\{service="sales"\} \d+$/m);
  });
});
