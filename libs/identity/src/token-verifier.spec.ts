import { createHmac } from 'node:crypto';
import { identityEvents } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { claims, eventually, type IdentityFixture, newSigningKey, probeModule, signToken, startIdentityFixture, tenant } from '../tests/identity-fixture';
import { TokenVerifier } from './token-verifier';

/*
 * TokenVerifier as a service holds it: keys from the (fake) identity's JWKS over
 * the real NATS, refetched on unknown kids and on signingKeysChanged.
 */
const refetchMs = 1_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

async function rejection(promise: Promise<unknown>): Promise<IdoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IdoError);
  return error as IdoError;
}

async function expectRefused(verifier: TokenVerifier, token: string, reason: string) {
  const error = await rejection(verifier.verify(token));
  expect(error.code).toBe('UNAUTHENTICATED');
  expect(error.details).toEqual({ reason });
  // Generic wording only: nothing of jose's diagnostics reaches a caller.
  expect(error.message).toMatch(/^(Invalid access token|Access token expired|Access token required)$/);
}

describe('TokenVerifier', () => {
  let fixture: IdentityFixture;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    fixture = await startIdentityFixture(probeModule({ onDemandRefetchMs: refetchMs }));
    verifier = fixture.service.app.get(TokenVerifier);
  });
  afterAll(async () => {
    await fixture?.stop();
  });

  it('accepts a token identity signed and returns its actor', async () => {
    const token = await signToken(fixture.key, claims({ sub: 'user-1', roles: ['clerk'], perms: ['sales:lead:read'] }));
    const { actor, claims: verified } = await verifier.verify(token);
    expect(actor).toMatchObject({ kind: 'user', id: 'user-1', tenant, roles: ['clerk'] });
    expect([...actor.permissions]).toEqual(['sales:lead:read']);
    expect(verified.tenant).toBe(tenant);
  });

  it('refuses alg "none" before looking at any key', async () => {
    const payload = base64url(JSON.stringify(claims()));
    await expectRefused(verifier, `${base64url(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${payload}.`, 'algorithm');
  });

  it('refuses HS256 signed with the public key bytes (key confusion)', async () => {
    const fetches = fixture.fake.jwksRequests;
    const header = base64url(JSON.stringify({ alg: 'HS256', kid: fixture.key.kid, typ: 'JWT' }));
    const payload = base64url(JSON.stringify(claims()));
    const secret = Buffer.from(fixture.key.jwk.x, 'base64url');
    const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
    await expectRefused(verifier, `${header}.${payload}.${signature}`, 'algorithm');
    expect(fixture.fake.jwksRequests).toBe(fetches);
  });

  it('refuses a tampered payload (bad signature), garbage and a token without kid', async () => {
    const [header, , signature] = (await signToken(fixture.key)).split('.');
    const forged = base64url(JSON.stringify(claims({ perms: ['identity:tenant:create'] })));
    await expectRefused(verifier, `${header}.${forged}.${signature}`, 'bad-signature');
    await expectRefused(verifier, 'not-a-token', 'malformed');
    await expectRefused(verifier, `${base64url('{"alg":')}.e30.x`, 'malformed');
    await expectRefused(verifier, await signToken(fixture.key, claims(), { kid: undefined }), 'malformed');
  });

  it('refetches the JWKS for an unknown kid at most once per interval, however many arrive', async () => {
    const stranger = await newSigningKey();
    await sleep(refetchMs + 100);
    const before = fixture.fake.jwksRequests;
    const bogus = await Promise.all(Array.from({ length: 50 }, async (_, n) => signToken(stranger, claims(), { kid: `bogus-${n}` })));
    await Promise.all(bogus.map((token) => expectRefused(verifier, token, 'unknown-key')));
    for (const token of bogus.slice(0, 10)) await expectRefused(verifier, token, 'unknown-key');
    expect(fixture.fake.jwksRequests - before).toBe(1);
    expect(verifier.stats.jwksFetches).toBeGreaterThanOrEqual(2);
  });

  it('refuses a token expired beyond the clock skew and accepts one within it', async () => {
    const now = Math.floor(Date.now() / 1_000);
    await expectRefused(verifier, await signToken(fixture.key, claims({ iat: now - 700, exp: now - 60 })), 'expired');
    const withinSkew = await signToken(fixture.key, claims({ iat: now - 700, exp: now - 10 }));
    await expect(verifier.verify(withinSkew)).resolves.toMatchObject({ claims: { exp: now - 10 } });
  });

  it('refuses a token issued longer ago than an access token may live, whatever its exp', async () => {
    const now = Math.floor(Date.now() / 1_000);
    await expectRefused(verifier, await signToken(fixture.key, claims({ iat: now - 3_600, exp: now + 600 })), 'expired');
  });

  it('refuses a token for another audience or from another issuer', async () => {
    await expectRefused(verifier, await signToken(fixture.key, claims({ aud: 'someone-else' })), 'wrong-audience');
    await expectRefused(verifier, await signToken(fixture.key, claims({ iss: 'evil-identity' })), 'wrong-issuer');
  });

  it('refuses a JWT of another type signed with the same key (RFC 9068 at+jwt)', async () => {
    await expectRefused(verifier, await signToken(fixture.key, claims(), { typ: 'JWT' }), 'invalid-claims');
  });

  it('refuses a token missing the claims every service relies on', async () => {
    for (const missing of ['tenant', 'perms', 'sid', 'exp', 'jti']) {
      await expectRefused(verifier, await signToken(fixture.key, claims({ [missing]: undefined })), 'invalid-claims');
    }
    await expectRefused(verifier, await signToken(fixture.key, claims({ kind: 'robot' })), 'invalid-claims');
  });

  it('stops verifying a retired key at once and verifies with the new one', async () => {
    const retired = fixture.key;
    const oldToken = await signToken(retired);
    await verifier.verify(oldToken);
    const successor = await newSigningKey();
    fixture.fake.keys = [successor];
    await fixture.publish(identityEvents.signingKeysChanged, { kids: [successor.kid] });
    await eventually(() => expectRefused(verifier, oldToken, 'unknown-key'));
    await expect(verifier.verify(await signToken(successor))).resolves.toBeDefined();
    fixture.fake.keys = [retired, successor];
    await verifier.refreshKeys();
  });

  it('verifies a token once: the second time it comes from the cache without jose', async () => {
    const token = await signToken(fixture.key);
    const before = verifier.stats;
    await verifier.verify(token);
    await verifier.verify(token);
    const after = verifier.stats;
    expect(after.verifications - before.verifications).toBe(1);
    expect(after.hits - before.hits).toBe(1);
    expect(after.misses - before.misses).toBe(1);
  });

  it('does not serve a cached token past its exp (it is verified again, within the skew)', async () => {
    const exp = Math.floor(Date.now() / 1_000) + 1;
    const token = await signToken(fixture.key, claims({ iat: exp - 60, exp }));
    await verifier.verify(token);
    await sleep(exp * 1_000 - Date.now() + 50);
    const before = verifier.stats;
    await verifier.verify(token);
    expect(verifier.stats.hits - before.hits).toBe(0);
    expect(verifier.stats.verifications - before.verifications).toBe(1);
  });

  it('keeps at most cacheSize tokens, evicting the least recently used', async () => {
    const small = new TokenVerifier(async () => ({ keys: fixture.fake.keys.map((key) => key.jwk) }), { cacheSize: 2 });
    const [a, b, c] = await Promise.all([signToken(fixture.key), signToken(fixture.key), signToken(fixture.key)]);
    for (const token of [a, b, a, c, a]) await small.verify(token);
    expect(small.stats).toMatchObject({ cachedTokens: 2, hits: 2, verifications: 3 });
    await small.verify(b);
    expect(small.stats.verifications).toBe(4);
  });
});
