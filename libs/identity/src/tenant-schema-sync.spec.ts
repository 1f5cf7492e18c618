import { Module } from '@nestjs/common';
import { identityEvents } from '@ido/internal-api';
import { MaintenanceDatabase } from '@ido/platform-tenancy';
import { eventually, type IdentityFixture, startIdentityFixture } from '../tests/identity-fixture';
import { IdentityModule } from './identity.module';

@Module({ imports: [IdentityModule.forService({ syncIntervalMs: 300 })] })
class SalesWithIdentity {}

/* A persisting service's tenant schemas follow identity's registry. */
describe('tenant schemas follow identity', () => {
  let fixture: IdentityFixture;
  const schemas = () => fixture.service.app.get(MaintenanceDatabase).listTenants();

  beforeAll(async () => {
    fixture = await startIdentityFixture(SalesWithIdentity);
  });
  afterAll(() => fixture?.stop());

  it('provisions every tenant of the snapshot, except the platform operators', async () => {
    fixture.fake.snapshot = { ...fixture.fake.snapshot, tenants: [...fixture.fake.snapshot.tenants, { id: 'platform', status: 'active', modules: [] }] };
    await eventually(async () => expect((await schemas()).sort()).toEqual(['acme', 'globex']));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await schemas()).not.toContain('platform');
  });

  it('provisions a tenant as soon as identity announces it', async () => {
    await fixture.publish(identityEvents.tenantProvisioned, { tenant: 'initech', status: 'active', modules: ['sales'] });
    await eventually(async () => expect(await schemas()).toContain('initech'));
  });

  it('catches up on a tenant whose announcement it missed, at the next snapshot', async () => {
    fixture.fake.snapshot = { ...fixture.fake.snapshot, tenants: [...fixture.fake.snapshot.tenants, { id: 'umbrella', status: 'suspended', modules: [] }] };
    await eventually(async () => expect(await schemas()).toContain('umbrella'), 5_000);
  });
});
