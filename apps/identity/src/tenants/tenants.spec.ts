import { identityEvents, identityV1 } from '@ido/internal-api';
import { wireSubject } from '@ido/platform-messaging';
import { assertAudited, OUTBOX_TABLE } from '@ido/audit';
import { MaintenanceDatabase, TenantClients } from '@ido/platform-tenancy';
import { JSONCodec } from 'nats';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../../tests/identity-fixture';

/* The tenant lifecycle, as platform operators drive it and as every other service sees it. */
describe('tenants', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture();
    acme = await fx.createTenant('acme', ['accounting', 'sales']);
  });
  afterAll(() => fx?.stop());

  it('creating one provisions its schema, seeds its roles and first admin, and announces it', async () => {
    const seen: unknown[] = [];
    const subscription = fx.service.nats.subscribe(wireSubject(fx.service.config.namespace, identityEvents.tenantProvisioned.subject), {
      callback: (_error, message) => seen.push(JSONCodec().decode(message.data)),
    });
    await fx.service.nats.flush();
    const created = await fx.call(
      identityV1.tenantCreate,
      { id: 'initech', name: 'Initech Guarding', modules: ['staffing'], admin: { email: 'Boss@Initech.test', displayName: 'Boss' } },
      fx.platformToken,
    );
    expect(created.tenant).toMatchObject({ id: 'initech', status: 'active', modules: ['staffing'] });
    // Without a password the admin is invited: the secret is shown once.
    expect(created.admin).toMatchObject({ user: { email: 'Boss@Initech.test', status: 'invited', roles: ['tenant-admin'] }, invitationToken: expect.stringMatching(/^initech\./) });
    await expect.poll(() => seen).toEqual([{ tenant: 'initech', status: 'active', modules: ['staffing'] }]);
    subscription.unsubscribe();

    expect(await fx.service.app.get(MaintenanceDatabase).listTenants()).toEqual(expect.arrayContaining(['platform', 'acme', 'initech']));
    const activated = await fx.call(identityV1.userActivate, { tenant: 'initech', invitationToken: created.admin.invitationToken ?? '', password: 'initech night shift passphrase' });
    expect(activated.status).toBe('active');
    const session = await fx.login('initech', 'boss@initech.test', 'initech night shift passphrase');
    const roles = await fx.call(identityV1.roleList, {}, session.accessToken);
    expect(roles.items.filter((r) => r.builtIn).map((r) => r.name)).toContain('complaints-manager');
  });

  it('refuses the reserved platform id and duplicates', async () => {
    const admin = { email: 'a@b.test', displayName: 'A', password: 'correct horse battery' };
    expect(await fx.attempt(identityV1.tenantCreate, { id: 'platform', name: 'x', modules: [], admin }, fx.platformToken)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(await fx.attempt(identityV1.tenantCreate, { id: 'acme', name: 'x', modules: [], admin }, fx.platformToken)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('lists and reads tenants, for platform operators only', async () => {
    const page = await fx.call(identityV1.tenantList, { limit: 1 }, fx.platformToken);
    expect(page.items).toHaveLength(1);
    const next = await fx.call(identityV1.tenantList, { limit: 100, cursor: page.nextCursor ?? undefined }, fx.platformToken);
    expect([...page.items, ...next.items].map((t) => t.id)).toEqual(expect.arrayContaining(['acme', 'platform']));
    expect(await fx.call(identityV1.tenantGet, { id: 'acme' }, fx.platformToken)).toMatchObject({ id: 'acme', modules: ['accounting', 'sales'] });
    expect(await fx.attempt(identityV1.tenantGet, { id: 'nope-nope' }, fx.platformToken)).toMatchObject({ ok: false, code: 'NOT_FOUND' });

    for (const contract of [identityV1.tenantList, identityV1.tenantGet, identityV1.tenantSuspend] as const) {
      const payload = contract === identityV1.tenantList ? {} : { id: 'acme' };
      expect(await fx.attempt(contract, payload as never, acme.token)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('suspending one stops its tokens at once and its sign-ins; resuming lets it back', async () => {
    const tenant = await fx.createTenant('umbrella');
    expect(await fx.attempt(identityV1.authMe, {}, tenant.token)).toMatchObject({ ok: true });

    expect(await fx.call(identityV1.tenantSuspend, { id: 'umbrella' }, fx.platformToken)).toMatchObject({ status: 'suspended', suspendedAt: expect.any(String) });
    // Recorded with the registry change, in the platform schema's outbox, under the tenant it concerns.
    const record = await assertAudited(fx.service.app.get(TenantClients), 'platform', { action: 'identity.tenant.suspend', entity: { type: 'tenant', id: 'umbrella' } });
    expect(record).toMatchObject({ tenant: 'umbrella', actor: { kind: 'user' }, before: { status: 'active' }, after: { status: 'suspended' } });
    // So is the event every verifier acts on: committed with the change, relayed after it.
    const events = await fx.service.app.get(TenantClients).use('platform', async (_client, { pool }) => {
      const { rows } = await pool.query<{ payload: unknown }>(`SELECT payload FROM ${OUTBOX_TABLE} WHERE subject = $1`, [identityEvents.tenantChanged.subject]);
      return rows.map((row) => row.payload);
    });
    expect(events).toContainEqual({ tenant: 'umbrella', status: 'suspended', modules: [] });
    await expect.poll(async () => (await fx.attempt(identityV1.authMe, {}, tenant.token)).ok, { timeout: 2_000, interval: 20 }).toBe(false);
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'umbrella', email: tenant.email, password: tenant.password })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await fx.attempt(identityV1.authRefresh, { refreshToken: tenant.tokens.refreshToken })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await fx.attempt(identityV1.authMe, {}, acme.token)).toMatchObject({ ok: true });

    await fx.call(identityV1.tenantResume, { id: 'umbrella' }, fx.platformToken);
    const again = await fx.login('umbrella', tenant.email, tenant.password);
    await expect.poll(async () => (await fx.attempt(identityV1.authMe, {}, again.accessToken)).ok, { timeout: 2_000 }).toBe(true);
  });

  it('the platform tenant cannot be suspended', async () => {
    expect(await fx.attempt(identityV1.tenantSuspend, { id: 'platform' }, fx.platformToken)).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  });
});
