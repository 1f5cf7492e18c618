import { assertAudited } from '@ido/audit';
import { identityV1 } from '@ido/internal-api';
import { TenantClients } from '@ido/platform-tenancy';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../../tests/identity-fixture';

describe('roles', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture();
    acme = await fx.createTenant('acme');
  });
  afterAll(() => fx?.stop());

  it('offers the permission catalogue, without the platform-only permissions', async () => {
    const { items } = await fx.call(identityV1.permissionList, {}, acme.token);
    const names = items.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['accounting:journal-entry:post', 'sales:opportunity:read-all', 'audit:event:read']));
    expect(names).not.toContain('identity:tenant:create');
  });

  it('creates, changes and deletes a custom role, whose permissions reach its holders', async () => {
    const role = await fx.call(identityV1.roleCreate, { name: 'night-supervisor', description: 'Nights', permissions: ['staffing:shift:read', 'staffing:attendance:approve'] }, acme.token);
    expect(role).toEqual({ name: 'night-supervisor', description: 'Nights', builtIn: false, permissions: ['staffing:attendance:approve', 'staffing:shift:read'] });
    await assertAudited(fx.service.app.get(TenantClients), 'acme', { action: 'identity.role.create', entity: { type: 'role', id: 'night-supervisor' }, before: null });
    const holder = await fx.createUser(acme, 'nights', ['night-supervisor']);
    expect((await fx.call(identityV1.authMe, {}, holder.token)).permissions).toEqual(['staffing:attendance:approve', 'staffing:shift:read']);

    expect(await fx.call(identityV1.roleUpdate, { name: 'night-supervisor', permissions: ['staffing:shift:read'] }, acme.token)).toMatchObject({ permissions: ['staffing:shift:read'] });
    expect(await fx.attempt(identityV1.roleDelete, { name: 'night-supervisor' }, acme.token)).toMatchObject({ ok: false, code: 'CONFLICT' });
    await fx.call(identityV1.userSetRoles, { id: holder.user.id, roles: [] }, acme.token);
    expect(await fx.attempt(identityV1.roleDelete, { name: 'night-supervisor' }, acme.token)).toMatchObject({ ok: true });
    await assertAudited(fx.service.app.get(TenantClients), 'acme', { action: 'identity.role.delete', entity: { type: 'role', id: 'night-supervisor' }, after: null });
    expect((await fx.call(identityV1.roleList, {}, acme.token)).items.map((r) => r.name)).not.toContain('night-supervisor');
  });

  it('refuses permissions outside the catalogue or reserved to the platform', async () => {
    for (const permission of ['accounting:ledger:delete-everything', 'identity:tenant:create']) {
      expect(await fx.attempt(identityV1.roleCreate, { name: 'sneaky', permissions: [permission] }, acme.token)).toMatchObject({
        ok: false,
        code: 'VALIDATION_FAILED',
        details: { permissions: [permission] },
      });
    }
  });

  it('keeps built-in roles as the code defines them', async () => {
    expect(await fx.attempt(identityV1.roleUpdate, { name: 'guard', permissions: ['accounting:report:read'] }, acme.token)).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
    expect(await fx.attempt(identityV1.roleDelete, { name: 'tenant-admin' }, acme.token)).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
    expect(await fx.attempt(identityV1.roleCreate, { name: 'guard', permissions: [] }, acme.token)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('needs role permissions to manage roles', async () => {
    const guard = await fx.createUser(acme, 'gus', ['guard']);
    expect(await fx.attempt(identityV1.roleList, {}, guard.token)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await fx.attempt(identityV1.roleCreate, { name: 'mine', permissions: [] }, guard.token)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
