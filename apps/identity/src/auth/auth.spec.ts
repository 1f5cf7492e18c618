import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER } from '@ido/identity';
import { identityV1 } from '@ido/internal-api';
import { createHmac, randomUUID } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { identityFixture, type IdentityFixture, type TenantAdmin } from '../../tests/identity-fixture';
import { SigningKeys } from '../signing-keys/signing-keys.service';

/*
 * Sign-in, tokens and their forgeries, refresh rotation, sign-out and lockout,
 * against the real identity service on real Postgres and NATS.
 */
describe('authentication', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;
  let globex: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture();
    acme = await fx.createTenant('acme', ['accounting']);
    globex = await fx.createTenant('globex');
  });
  afterAll(() => fx?.stop());

  const me = (token: string, context = {}) => fx.attempt(identityV1.authMe, {}, token, context);

  describe('access tokens', () => {
    it('carry the claims every verifier checks, signed EdDSA with a kid, for at most 15 minutes', async () => {
      const header = decodeProtectedHeader(acme.token);
      const claims = decodeJwt(acme.token);
      expect(header).toMatchObject({ alg: 'EdDSA', kid: expect.any(String), typ: 'at+jwt' });
      expect(claims).toMatchObject({ iss: ACCESS_TOKEN_ISSUER, aud: ACCESS_TOKEN_AUDIENCE, tenant: 'acme', kind: 'user', roles: ['tenant-admin'] });
      expect(claims.perms).toContain('identity:user:create');
      expect(claims.perms).not.toContain('identity:tenant:create');
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(900);
      expect(claims.jti).toEqual(expect.any(String));
      const { keys } = await fx.call(identityV1.jwksGet, {});
      expect(keys.map((k) => k.kid)).toContain(header.kid);
    });

    it('identify the caller', async () => {
      const reply = await me(acme.token);
      expect(reply).toMatchObject({ ok: true, reply: { tenant: 'acme', user: { email: acme.email, status: 'active', roles: ['tenant-admin'] } } });
    });
  });

  describe('forgeries are refused', () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claimsOf = (token: string) => decodeJwt(token);

    it('alg none', async () => {
      const forged = `${part({ alg: 'none', typ: 'JWT' })}.${part(claimsOf(acme.token))}.`;
      expect(await me(forged)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });

    it('HS256 signed with the public key', async () => {
      const { keys } = await fx.call(identityV1.jwksGet, {});
      const key = keys[0];
      const signingInput = `${part({ alg: 'HS256', kid: key?.kid })}.${part({ ...claimsOf(acme.token), roles: ['platform-admin'] })}`;
      for (const secret of [Buffer.from(key?.x ?? '', 'base64url'), Buffer.from(JSON.stringify(key))]) {
        const forged = `${signingInput}.${createHmac('sha256', secret).update(signingInput).digest('base64url')}`;
        expect(await me(forged)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      }
    });

    it('a tampered payload', async () => {
      const [header, , signature] = acme.token.split('.');
      const forged = `${header}.${part({ ...claimsOf(acme.token), tenant: 'globex' })}.${signature}`;
      expect(await me(forged)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });

    it('an unknown kid', async () => {
      const [, payload, signature] = acme.token.split('.');
      const forged = `${part({ ...decodeProtectedHeader(acme.token), kid: randomUUID() })}.${payload}.${signature}`;
      expect(await me(forged)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });

    /** Signed with identity's real key, so only the claim under test is wrong. */
    async function signedWith(overrides: Record<string, unknown>, expiresAt: number) {
      const { kid, privateKey } = await fx.service.app.get(SigningKeys).signingKey();
      const { exp: _exp, iat: _iat, ...claims } = claimsOf(acme.token);
      return new SignJWT({ ...claims, ...overrides })
        .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
        .setIssuedAt(expiresAt - 300)
        .setExpirationTime(expiresAt)
        .sign(privateKey);
    }

    it('expired beyond the 30 s clock skew, but accepted within it', async () => {
      const now = Math.floor(Date.now() / 1000);
      expect(await me(await signedWith({}, now - 45))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(await me(await signedWith({}, now - 10))).toMatchObject({ ok: true });
    });

    it('the wrong audience or issuer', async () => {
      const later = Math.floor(Date.now() / 1000) + 300;
      expect(await me(await signedWith({ aud: 'someone-else' }, later))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(await me(await signedWith({ iss: 'https://evil.test' }, later))).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });

    it("another tenant's token presented with a tenant header", async () => {
      expect(await me(globex.token, { tenant: 'acme' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await fx.attempt(identityV1.userList, {}, globex.token, { tenant: 'acme' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });

    it('no token, or not a bearer token, on a protected contract', async () => {
      expect(await fx.attempt(identityV1.authMe, {})).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(await fx.attempt(identityV1.authMe, {}, undefined, { authorization: `Basic ${acme.token}` })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    });
  });

  describe('refresh tokens', () => {
    it('rotate on every use; reusing a spent one revokes the whole family', async () => {
      const first = await fx.login('acme', acme.email, acme.password);
      const second = await fx.call(identityV1.authRefresh, { refreshToken: first.refreshToken });
      expect(second.refreshToken).not.toBe(first.refreshToken);
      expect(await me(second.accessToken)).toMatchObject({ ok: true });

      expect(await fx.attempt(identityV1.authRefresh, { refreshToken: first.refreshToken })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      expect(await fx.attempt(identityV1.authRefresh, { refreshToken: second.refreshToken })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      await expect.poll(async () => (await me(second.accessToken)).ok, { timeout: 2_000 }).toBe(false);
      // Other sessions of the same user are untouched.
      expect(await me(acme.token)).toMatchObject({ ok: true });
    });

    it('are refused when unknown, malformed or of another tenant', async () => {
      const { refreshToken } = await fx.login('acme', acme.email, acme.password);
      const [, secret] = refreshToken.split('.');
      for (const candidate of [`globex.${secret}`, 'acme.not-a-token', 'garbage', `${refreshToken}x`]) {
        expect(await fx.attempt(identityV1.authRefresh, { refreshToken: candidate })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
      }
      expect(await fx.attempt(identityV1.authRefresh, { refreshToken })).toMatchObject({ ok: true });
    });
  });

  it('logout ends the session: its access and refresh tokens stop working', async () => {
    const session = await fx.login('acme', acme.email, acme.password);
    expect(await fx.attempt(identityV1.authLogout, {}, session.accessToken)).toMatchObject({ ok: true });
    await expect.poll(async () => (await me(session.accessToken)).ok, { timeout: 2_000 }).toBe(false);
    expect(await me(session.accessToken)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await fx.attempt(identityV1.authRefresh, { refreshToken: session.refreshToken })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
  });

  describe('lockout', () => {
    const wrong = 'not the right passphrase at all';

    /** One failed sign-in: its outcome as text and how long it took. */
    async function fail(email: string, clientIp: string) {
      const started = performance.now();
      const outcome = await fx.attempt(identityV1.authLogin, { tenant: 'acme', email, password: wrong }, undefined, { clientIp });
      return { text: outcome.ok ? 'ok' : `${outcome.code}: ${outcome.message}`, ms: performance.now() - started };
    }

    it('locks an account after 10 failures, and an unknown email looks exactly the same', async () => {
      const user = await fx.createUser(acme, 'lockme', ['guard']);
      const known: Array<{ text: string; ms: number }> = [];
      const unknown: Array<{ text: string; ms: number }> = [];
      // Interleaved, so both see the same machine load.
      for (let i = 0; i < 10; i++) {
        known.push(await fail(user.email, '10.0.0.1'));
        unknown.push(await fail('nobody@acme.test', '10.0.0.2'));
      }
      expect(known.map((k) => k.text)).toEqual(unknown.map((u) => u.text));
      expect(new Set(known.map((k) => k.text))).toEqual(new Set(['UNAUTHENTICATED: Invalid tenant, email or password']));

      // Locked now: even the right password is refused, with the wait to respect.
      const locked = await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: user.email, password: user.password });
      const lockedUnknown = await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: 'nobody@acme.test', password: user.password });
      expect(locked).toMatchObject({ ok: false, code: 'RATE_LIMITED', details: { retryAfterSeconds: expect.any(Number) } });
      expect(lockedUnknown).toMatchObject({ ok: false, code: 'RATE_LIMITED', message: (locked as { message: string }).message });

      // Similar time: both paths run one argon2 verification (medians within a factor of two).
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
      const ratio = median(known.map((k) => k.ms)) / median(unknown.map((u) => u.ms));
      expect(ratio).toBeGreaterThan(0.5);
      expect(ratio).toBeLessThan(2);
      // Other users of the tenant are not affected.
      expect(await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: acme.email, password: acme.password })).toMatchObject({ ok: true });
    });

    it('answers an unknown or suspended tenant like a wrong password', async () => {
      const outcome = await fx.attempt(identityV1.authLogin, { tenant: 'no-such-tenant', email: acme.email, password: acme.password });
      expect(outcome).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: 'Invalid tenant, email or password' });
    });
  });

  it('validates sign-in requests at the boundary', async () => {
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'Bad Tenant!', email: 'x@y.test', password: 'x' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: 'not-an-email', password: 'x' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    expect(await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: acme.email, password: 'x'.repeat(257) })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
  });
});

describe('lockout per source address', () => {
  let fx: IdentityFixture;
  let acme: TenantAdmin;

  beforeAll(async () => {
    fx = await identityFixture({ LOGIN_SOURCE_THRESHOLD: '5' });
    acme = await fx.createTenant('acme');
  });
  afterAll(() => fx?.stop());

  it('locks an address that guesses across many accounts, not the others', async () => {
    for (let i = 0; i < 5; i++) {
      const outcome = await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: `user${i}@acme.test`, password: 'guessing guessing' }, undefined, { clientIp: '203.0.113.9' });
      expect(outcome).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    const fromThere = await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: acme.email, password: acme.password }, undefined, { clientIp: '203.0.113.9' });
    expect(fromThere).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    const fromElsewhere = await fx.attempt(identityV1.authLogin, { tenant: 'acme', email: acme.email, password: acme.password }, undefined, { clientIp: '198.51.100.7' });
    expect(fromElsewhere).toMatchObject({ ok: true });
  });
});
