import { identityV1 } from '@ido/internal-api';
import { decodeProtectedHeader } from 'jose';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../../tests/identity-fixture';
import { IdentityDatabase } from '../database/identity-database';

/* Rotation keeps old tokens valid until they expire; retirement ends them. */
describe('signing keys', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture({ KEY_MAINTENANCE_INTERVAL_MS: '200' });
    acme = await fx.createTenant('acme');
  });
  afterAll(() => fx?.stop());

  const kidOf = (token: string) => decodeProtectedHeader(token).kid;
  const kids = async () => (await fx.call(identityV1.jwksGet, {})).keys.map((k) => k.kid);

  it('publishes public keys only', async () => {
    const { keys } = await fx.call(identityV1.jwksGet, {});
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
  });

  it('rotation on demand: the old key signs no more but verifies until retired, then its tokens fail', async () => {
    const oldToken = acme.token;
    const oldKid = kidOf(oldToken);
    const { kid: newKid } = await fx.call(identityV1.signingKeyRotate, {}, fx.platformToken);
    expect(newKid).not.toBe(oldKid);
    expect(await kids()).toEqual([newKid, oldKid]);

    const fresh = await fx.login('acme', acme.email, acme.password);
    expect(kidOf(fresh.accessToken)).toBe(newKid);
    expect(await fx.attempt(identityV1.authMe, {}, oldToken)).toMatchObject({ ok: true });

    // Time passes: the old key reaches its retirement (every token it signed has expired).
    await fx.service.app.get(IdentityDatabase).registry((db) => db.signingKey.update({ where: { kid: oldKid }, data: { retireAt: new Date() } }));
    await expect.poll(kids, { timeout: 3_000 }).toEqual([newKid]);
    await expect.poll(async () => (await fx.attempt(identityV1.authMe, {}, oldToken)).ok, { timeout: 3_000 }).toBe(false);
    expect(await fx.attempt(identityV1.authMe, {}, oldToken)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await fx.attempt(identityV1.authMe, {}, fresh.accessToken)).toMatchObject({ ok: true });
  });

  it('rotates on a schedule', async () => {
    const scheduled = await identityFixture({ KEY_MAINTENANCE_INTERVAL_MS: '200', SIGNING_KEY_ROTATION_SECONDS: '60' });
    try {
      const [first] = await (async () => (await scheduled.call(identityV1.jwksGet, {})).keys.map((k) => k.kid))();
      await scheduled.service.app.get(IdentityDatabase).registry((db) => db.signingKey.update({ where: { kid: first }, data: { createdAt: new Date(Date.now() - 61_000) } }));
      await expect.poll(async () => (await scheduled.call(identityV1.jwksGet, {})).keys.length, { timeout: 3_000 }).toBe(2);
    } finally {
      await scheduled.stop();
    }
  });

  it('only platform operators rotate', async () => {
    const { accessToken } = await fx.login('acme', acme.email, acme.password);
    expect(await fx.attempt(identityV1.signingKeyRotate, {}, accessToken)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});
