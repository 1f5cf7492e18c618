import { identityV1 } from '@ido/internal-api';
import { TenantClients } from '@ido/platform-tenancy';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../tests/identity-fixture';

/*
 * Tenant isolation, through the API (every contract that names an id) and through
 * the database (a tenant's connection cannot reach another schema, nor the registry).
 */
describe('tenant isolation', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;
  let globex: TenantAdmin;
  let acmeUserId: string;
  let acmeAccountId: string;

  beforeAll(async () => {
    fx = await identityFixture();
    [acme, globex] = [await fx.createTenant('acme', ['accounting']), await fx.createTenant('globex')];
    acmeUserId = (await fx.createUser(acme, 'casey', ['guard'])).user.id;
    await fx.call(identityV1.roleCreate, { name: 'acme-only', permissions: ['sales:lead:read'] }, acme.token);
    acmeAccountId = (await fx.call(identityV1.serviceAccountCreate, { name: 'payroll-sync', roles: ['accountant'] }, acme.token)).serviceAccount.id;
  });
  afterAll(() => fx?.stop());

  it("lists only the caller's own tenant", async () => {
    const users = await fx.call(identityV1.userList, {}, globex.token);
    expect(users.items.map((u) => u.email)).toEqual([globex.email]);
    const roles = await fx.call(identityV1.roleList, {}, globex.token);
    expect(roles.items.map((r) => r.name)).not.toContain('acme-only');
    expect((await fx.call(identityV1.serviceAccountList, {}, globex.token)).items).toEqual([]);
    expect((await fx.call(identityV1.moduleList, {}, globex.token)).items.filter((m) => m.enabled)).toEqual([]);
  });

  it("cannot read or change another tenant's users, roles, service accounts or modules by id", async () => {
    const refused = [
      await fx.attempt(identityV1.userGet, { id: acmeUserId }, globex.token),
      await fx.attempt(identityV1.userDisable, { id: acmeUserId }, globex.token),
      await fx.attempt(identityV1.userEnable, { id: acmeUserId }, globex.token),
      await fx.attempt(identityV1.userSetRoles, { id: acmeUserId, roles: [] }, globex.token),
      await fx.attempt(identityV1.roleUpdate, { name: 'acme-only', permissions: [] }, globex.token),
      await fx.attempt(identityV1.roleDelete, { name: 'acme-only' }, globex.token),
      await fx.attempt(identityV1.serviceAccountDisable, { id: acmeAccountId }, globex.token),
    ];
    expect(refused.map((r) => (r.ok ? 'ok' : r.code))).toEqual(Array(refused.length).fill('NOT_FOUND'));

    await fx.call(identityV1.moduleSet, { module: 'sales', enabled: true }, globex.token);
    expect((await fx.call(identityV1.moduleList, {}, acme.token)).items.filter((m) => m.enabled).map((m) => m.module)).toEqual(['accounting']);

    // Nothing of acme changed.
    expect(await fx.call(identityV1.userGet, { id: acmeUserId }, acme.token)).toMatchObject({ status: 'active', roles: ['guard'] });
    expect((await fx.call(identityV1.roleList, {}, acme.token)).items.find((r) => r.name === 'acme-only')?.permissions).toEqual(['sales:lead:read']);
  });

  it("cannot act on another tenant by sending its name in the header with one's own token", async () => {
    expect(await fx.attempt(identityV1.userGet, { id: acmeUserId }, globex.token, { tenant: 'acme' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it("a tenant's database connection cannot reach another tenant's schema or the registry", async () => {
    const clients = fx.service.app.get<TenantClients<unknown>>(TenantClients);
    await clients.use('globex', async (_client, { pool }) => {
      expect((await pool.query('SELECT count(*)::int AS n FROM app_user')).rows[0]).toEqual({ n: 1 });
      for (const sql of [
        'SELECT * FROM t_acme.app_user',
        "UPDATE t_acme.app_user SET status = 'disabled'",
        'SELECT * FROM t_platform.signing_key',
        "UPDATE t_platform.tenant SET status = 'active'",
        'SELECT * FROM t_platform.session_revocation',
      ]) {
        await expect(pool.query(sql), sql).rejects.toThrow(/permission denied/);
      }
    });
  });
});
