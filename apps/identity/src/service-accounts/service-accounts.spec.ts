import { identityV1 } from '@ido/internal-api';
import { decodeJwt } from 'jose';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../../tests/identity-fixture';

describe('service accounts', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture();
    acme = await fx.createTenant('acme');
  });
  afterAll(() => fx?.stop());

  it('get short-lived tokens by client credentials, and lose them when disabled', async () => {
    const { serviceAccount, clientSecret } = await fx.call(identityV1.serviceAccountCreate, { name: 'payroll-sync', roles: ['auditor'] }, acme.token);
    expect(serviceAccount).toMatchObject({ clientId: expect.stringMatching(/^sa_/), roles: ['auditor'], disabledAt: null });
    const listed = await fx.call(identityV1.serviceAccountList, {}, acme.token);
    expect(JSON.stringify(listed)).not.toContain(clientSecret);

    const grant = await fx.call(identityV1.authClientToken, { tenant: 'acme', clientId: serviceAccount.clientId, clientSecret });
    expect(decodeJwt(grant.accessToken)).toMatchObject({ kind: 'service', sub: serviceAccount.id, tenant: 'acme', roles: ['auditor'] });
    expect(await fx.attempt(identityV1.userList, {}, grant.accessToken)).toMatchObject({ ok: true });
    expect(await fx.attempt(identityV1.authMe, {}, grant.accessToken)).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const refused = [
      await fx.attempt(identityV1.authClientToken, { tenant: 'acme', clientId: serviceAccount.clientId, clientSecret: `${clientSecret}x` }),
      await fx.attempt(identityV1.authClientToken, { tenant: 'acme', clientId: 'sa_unknown', clientSecret }),
      await fx.attempt(identityV1.authClientToken, { tenant: 'no-such', clientId: serviceAccount.clientId, clientSecret }),
    ];
    expect(new Set(refused.map((r) => (r.ok ? 'ok' : r.message)))).toEqual(new Set(['Invalid tenant, client id or secret']));

    await fx.call(identityV1.serviceAccountDisable, { id: serviceAccount.id }, acme.token);
    await expect.poll(async () => (await fx.attempt(identityV1.userList, {}, grant.accessToken)).ok, { timeout: 2_000 }).toBe(false);
    expect(await fx.attempt(identityV1.authClientToken, { tenant: 'acme', clientId: serviceAccount.clientId, clientSecret })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });
});
