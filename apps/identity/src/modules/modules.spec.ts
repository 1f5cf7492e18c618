import { Controller, Module } from '@nestjs/common';
import { currentActor, IdentityModule, Requires } from '@ido/identity';
import { identityV1 } from '@ido/internal-api';
import { Handles, IdoError, type MessageContract } from '@ido/platform-messaging';
import { startTestService, type TestService } from '@ido/platform-service-harness';
import { z } from 'zod';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../../tests/identity-fixture';

const chartOfAccounts = {
  subject: 'accounting.v1.probe-account.list',
  request: z.object({}).strict(),
  reply: z.object({ tenant: z.string() }).strict(),
  timeoutMs: 2_000,
} satisfies MessageContract;

@Controller()
class ProbeAccountsController {
  @Requires('accounting:account:read')
  @Handles(chartOfAccounts)
  list() {
    return { tenant: currentActor().tenant };
  }
}

@Module({ imports: [IdentityModule.forService()], controllers: [ProbeAccountsController] })
class AccountingProbe {}

/* Module flags: set in identity, enforced by the module's own service, through OpenFeature. */
describe('modules per tenant', () => {
  let fx: IdentityFixture;
  let accounting: TestService;
  let acme: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture();
    accounting = await startTestService({ name: 'accounting', module: AccountingProbe }, { namespace: fx.service.config.namespace });
    acme = await fx.createTenant('acme', ['accounting']);
  });
  afterAll(async () => {
    await accounting?.stop();
    await fx?.stop();
  });

  const listAccounts = async () => {
    try {
      return await fx.bus.request(chartOfAccounts, {}, { authorization: `Bearer ${acme.token}` });
    } catch (error) {
      return error instanceof IdoError ? { code: error.code, details: error.details } : Promise.reject(error);
    }
  };

  it('lists the modules with their state', async () => {
    expect((await fx.call(identityV1.moduleList, {}, acme.token)).items).toEqual([
      { module: 'accounting', enabled: true },
      { module: 'sales', enabled: false },
      { module: 'staffing', enabled: false },
      { module: 'complaints', enabled: false },
    ]);
  });

  it('a disabled module answers FORBIDDEN (MODULE_DISABLED) for that tenant at once, and serves it again when enabled', async () => {
    expect(await listAccounts()).toEqual({ tenant: 'acme' });
    expect(await fx.call(identityV1.moduleSet, { module: 'accounting', enabled: false }, acme.token)).toEqual({ module: 'accounting', enabled: false });
    await expect.poll(listAccounts, { timeout: 2_000, interval: 20 }).toEqual({ code: 'FORBIDDEN', details: { reason: 'MODULE_DISABLED', module: 'accounting' } });

    await fx.call(identityV1.moduleSet, { module: 'accounting', enabled: true }, acme.token);
    await expect.poll(listAccounts, { timeout: 2_000, interval: 20 }).toEqual({ tenant: 'acme' });
  });

  it('only tenant admins change modules', async () => {
    const clerk = await fx.createUser(acme, 'clerk', ['accountant']);
    expect(await fx.attempt(identityV1.moduleSet, { module: 'sales', enabled: true }, clerk.token)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
