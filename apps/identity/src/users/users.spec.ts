import { assertAudited } from '@ido/audit';
import { identityV1 } from '@ido/internal-api';
import { TenantClients } from '@ido/platform-tenancy';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../../tests/identity-fixture';

describe('users', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture();
    acme = await fx.createTenant('acme');
  });
  afterAll(() => fx?.stop());

  it('invites a user, who activates with the one-time secret and signs in', async () => {
    const { user, invitationToken } = await fx.call(identityV1.userCreate, { email: 'new.hire@acme.test', displayName: 'New Hire', roles: ['guard'] }, acme.token);
    expect(user).toMatchObject({ status: 'invited', roles: ['guard'], lastLoginAt: null });
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: 'new.hire@acme.test', password: 'anything at all here' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });

    const activate = (password: string, token = invitationToken ?? '') => fx.attempt(identityV1.userActivate, { tenant: 'acme', invitationToken: token, password });
    expect(await activate('password123456')).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await activate('a quiet night on the north gate', `acme.${'x'.repeat(43)}`)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await activate('a quiet night on the north gate')).toMatchObject({ ok: true, reply: { status: 'active' } });
    expect(await activate('a quiet night on the north gate')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const activated = await assertAudited(fx.service.app.get<TenantClients<unknown>>(TenantClients), 'acme', { action: 'identity.user.activate', actor: { kind: 'user', id: user.id } });
    expect(activated).toMatchObject({ before: { status: 'invited' }, after: { status: 'active' } });

    const session = await fx.login('acme', 'NEW.HIRE@acme.test', 'a quiet night on the north gate');
    expect(await fx.call(identityV1.authMe, {}, session.accessToken)).toMatchObject({ user: { id: user.id, lastLoginAt: expect.any(String) }, permissions: ['staffing:attendance:record', 'staffing:shift:read'] });
  });

  it('audits every change of a user in its transaction, by whom, before and after', async () => {
    const tenants = fx.service.app.get<TenantClients<unknown>>(TenantClients);
    const admin = { kind: 'user', id: (await fx.call(identityV1.authMe, {}, acme.token)).user.id } as const;
    const { user } = await fx.call(identityV1.userCreate, { email: 'audited@acme.test', displayName: 'Audited', roles: ['guard'], password: 'a long quiet night at the east gate' }, acme.token);
    const entity = { type: 'user', id: user.id };
    await assertAudited(tenants, 'acme', { action: 'identity.user.create', entity, actor: admin, before: null, source: 'identity' });

    await fx.call(identityV1.userDisable, { id: user.id }, acme.token);
    await fx.call(identityV1.userEnable, { id: user.id }, acme.token);
    await fx.call(identityV1.userSetRoles, { id: user.id, roles: [] }, acme.token);
    expect(await assertAudited(tenants, 'acme', { action: 'identity.user.disable', entity, actor: admin })).toMatchObject({ before: { status: 'active' }, after: { status: 'disabled' } });
    expect(await assertAudited(tenants, 'acme', { action: 'identity.user.enable', entity })).toMatchObject({ after: { status: 'active' } });
    expect(await assertAudited(tenants, 'acme', { action: 'identity.user.set-roles', entity })).toMatchObject({ before: { roles: ['guard'] }, after: { roles: [] } });

    // A refused change records nothing.
    await fx.attempt(identityV1.userSetRoles, { id: user.id, roles: ['emperor'] }, acme.token);
    await expect(assertAudited(tenants, 'acme', { action: 'identity.user.set-roles', entity, after: { roles: ['emperor'] } })).rejects.toThrow(/found 0/);
  });

  it('keeps emails unique per tenant, case-insensitively', async () => {
    await fx.call(identityV1.userCreate, { email: 'Dana@acme.test', displayName: 'Dana', roles: [] }, acme.token);
    expect(await fx.attempt(identityV1.userCreate, { email: 'dana@ACME.test', displayName: 'Dana 2', roles: [] }, acme.token)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('refuses weak passwords and unknown roles', async () => {
    expect(await fx.attempt(identityV1.userCreate, { email: 'weak@acme.test', displayName: 'W', roles: [], password: 'Summer2024!' }, acme.token)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: { password: expect.arrayContaining(['is too common or too easy to guess']) },
    });
    expect(await fx.attempt(identityV1.userCreate, { email: 'r@acme.test', displayName: 'R', roles: ['emperor'] }, acme.token)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: { roles: ['emperor'] },
    });
  });

  it('lists with filters and cursor pagination', async () => {
    for (const name of ['pat', 'quinn', 'robin']) await fx.createUser(acme, name, ['guard']);
    const first = await fx.call(identityV1.userList, { limit: 2 }, acme.token);
    const rest = await fx.call(identityV1.userList, { limit: 200, cursor: first.nextCursor ?? undefined }, acme.token);
    const emails = [...first.items, ...rest.items].map((u) => u.email.toLowerCase());
    expect(emails).toEqual([...emails].sort());
    expect(emails).toEqual(expect.arrayContaining(['pat@acme.test', 'quinn@acme.test', 'robin@acme.test', acme.email]));
    expect(rest.nextCursor).toBeNull();
    expect((await fx.call(identityV1.userList, { email: 'QUINN' }, acme.token)).items.map((u) => u.email)).toEqual(['quinn@acme.test']);
  });

  it('disabling a user ends every session of theirs at once; enabling lets them sign in again', async () => {
    const user = await fx.createUser(acme, 'sam', ['guard']);
    expect(await fx.call(identityV1.userDisable, { id: user.user.id }, acme.token)).toMatchObject({ status: 'disabled' });
    await expect.poll(async () => (await fx.attempt(identityV1.authMe, {}, user.token)).ok, { timeout: 2_000 }).toBe(false);
    expect(await fx.attempt(identityV1.authRefresh, { refreshToken: user.tokens.refreshToken })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: user.email, password: user.password })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });

    await fx.call(identityV1.userEnable, { id: user.user.id }, acme.token);
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: user.email, password: user.password })).toMatchObject({ ok: true });
    expect(await fx.attempt(identityV1.userDisable, { id: (await fx.call(identityV1.authMe, {}, acme.token)).user.id }, acme.token)).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  });

  it('changing roles takes effect at the next token', async () => {
    const user = await fx.createUser(acme, 'alex', ['guard']);
    expect(await fx.attempt(identityV1.userList, {}, user.token)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await fx.call(identityV1.userSetRoles, { id: user.user.id, roles: ['auditor'] }, acme.token);
    const refreshed = await fx.call(identityV1.authRefresh, { refreshToken: user.tokens.refreshToken });
    expect(await fx.attempt(identityV1.userList, {}, refreshed.accessToken)).toMatchObject({ ok: true });
  });

  it('changing the password ends the other sessions and needs the current one', async () => {
    const user = await fx.createUser(acme, 'jo', ['guard']);
    const other = await fx.login('acme', user.email, user.password);
    expect(await fx.attempt(identityV1.userChangePassword, { currentPassword: 'wrong wrong wrong', newPassword: 'a brand new long passphrase' }, user.token)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await fx.attempt(identityV1.userChangePassword, { currentPassword: user.password, newPassword: 'a brand new long passphrase' }, user.token)).toMatchObject({ ok: true });
    await expect.poll(async () => (await fx.attempt(identityV1.authMe, {}, other.accessToken)).ok, { timeout: 2_000 }).toBe(false);
    expect(await fx.attempt(identityV1.authMe, {}, user.token)).toMatchObject({ ok: true });
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: user.email, password: 'a brand new long passphrase' })).toMatchObject({ ok: true });
    const me = (await fx.call(identityV1.authMe, {}, user.token)).user;
    await assertAudited(fx.service.app.get<TenantClients<unknown>>(TenantClients), 'acme', { action: 'identity.user.change-password', actor: { kind: 'user', id: me.id } });
  });
});
