import type { MessageContract } from '@ido/platform-messaging';
import type { ServiceDefinition } from '@ido/platform-runtime';
import { MaintenanceDatabase, TenantClients } from '@ido/platform-tenancy';
import { rawRequest } from '@ido/platform-testing';
import { startTestService, type TestService } from './test-service';

/**
 * The checks every service passes from its first commit: ready on real Postgres
 * and NATS, Prometheus metrics, and (for modules) a live `status.get` over NATS.
 */
export function verifyServiceBoots(definition: ServiceDefinition, statusContract?: MessageContract): void {
  describe(`${definition.name} service`, () => {
    let service: TestService;

    beforeAll(async () => {
      service = await startTestService(definition);
    });
    afterAll(async () => {
      await service?.stop();
    });

    it('is ready once its dependencies answer', async () => {
      const response = await fetch(`${service.url}/health/ready`);
      const expected = service.config.persistent ? { database: 'up', nats: 'up' } : { nats: 'up' };
      expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { status: 'ok', checks: expected } });
      expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
    });

    it('exports Prometheus metrics for its routes', async () => {
      await fetch(`${service.url}/health/live`);
      const response = await fetch(`${service.url}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toContain(`process_cpu_user_seconds_total{service="${definition.name}"}`);
      expect(text).toContain(`ido_http_requests_total{method="GET",route="/health/live",status="200",service="${definition.name}"}`);
    });

    if (!statusContract) return;

    it(`answers ${statusContract.subject} with its live tenant count`, async () => {
      const subject = service.subject(statusContract.subject);
      const before = await rawRequest(service.nats, subject, {}, { 'ido-request-id': 'boot-check' });
      expect(before.status).toBe('ok');
      const { tenantCount } = statusContract.reply.parse(before.body) as { tenantCount: number };
      expect(before.body).toMatchObject({ name: definition.name });

      await service.app.get(MaintenanceDatabase).provisionTenant('boot-probe');
      const after = await rawRequest(service.nats, subject, {});
      expect(after.body).toMatchObject({ name: definition.name, tenantCount: tenantCount + 1 });

      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toContain(`ido_nats_requests_total{subject="${statusContract.subject}",outcome="ok",service="${definition.name}"} 2`);
    });

    it('gives a provisioned tenant a connection that is that tenant and nothing more', async () => {
      await service.app.get(MaintenanceDatabase).provisionTenant('boot-probe');
      // The pool under whatever client the service lends (a bare pool, or Prisma over it).
      const identity = await service.app.get<TenantClients<unknown>>(TenantClients).use('boot-probe', async (_client, { pool }) => {
        const row = await pool.query<{ role: string; schema: string }>('SELECT current_user AS role, current_schema() AS schema');
        await expect(pool.query('CREATE TABLE escape (id int)')).rejects.toThrow(/permission denied/);
        return row.rows[0];
      });
      expect(identity).toEqual({ role: expect.stringMatching(/^t_boot_probe_[0-9a-f]{8}$/), schema: 't_boot_probe' });
      const metrics = await (await fetch(`${service.url}/metrics`)).text();
      expect(metrics).toMatch(/^ido_tenant_pools_open\{service="[a-z]+"\} [1-9]\d*$/m);
      expect(metrics).toMatch(/^ido_tenant_connections_max\{service="[a-z]+"\} 50$/m);
    });

    it('refuses a request that breaks the contract with VALIDATION_FAILED', async () => {
      const reply = await rawRequest(service.nats, service.subject(statusContract.subject), { unexpected: true });
      expect(reply).toMatchObject({ status: 'error', body: { code: 'VALIDATION_FAILED' } });
    });
  });
}
