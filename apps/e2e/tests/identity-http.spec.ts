import { identityV1 } from '@ido/internal-api';
import { connectTestNats, rawRequest } from '@ido/platform-testing';
import { type GatewayClient, gatewayClient, operatorEnv, platformOperator } from './gateway-client';
import { type RunningSystem, startSystem } from './system';

/*
 * Identity through the public HTTP API, with every service running as a process:
 * the platform operator creates tenants, tenant admins manage their users, and
 * nothing of one tenant is reachable with another tenant's token.
 */

describe('identity over HTTP', () => {
  let system: RunningSystem;
  let client: GatewayClient;

  beforeAll(async () => {
    system = await startSystem(operatorEnv);
    client = gatewayClient(system.url('gateway'));
  });
  afterAll(() => system?.stop());

  it('takes a tenant from creation to isolated daily use', async () => {
    const jwks = await client.http('GET', '/.well-known/jwks.json');
    expect(jwks).toMatchObject({ status: 200, body: { keys: [{ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' }] } });

    const ops = await client.login('platform', platformOperator.email, platformOperator.password);
    expect(ops).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const acme = await client.createTenant(ops.accessToken, 'acme', ['accounting']);
    const globex = await client.createTenant(ops.accessToken, 'globex', ['accounting']);

    const me = await client.http('GET', '/v1/auth/me', { token: acme.tokens.accessToken });
    expect(me).toMatchObject({ status: 200, body: { tenant: 'acme', user: { email: acme.email, roles: ['tenant-admin'] } } });

    const guard = await client.http('POST', '/v1/identity/users', { token: acme.tokens.accessToken, body: { email: 'guard@acme.test', displayName: 'Guard', roles: ['guard'] } });
    expect(guard).toMatchObject({ status: 201, body: { user: { status: 'invited' }, invitationToken: expect.any(String) } });
    const guardId = identityV1.userCreate.reply.parse(guard.body).user.id;

    const emails = async (token: string) => identityV1.userList.reply.parse((await client.http('GET', '/v1/identity/users?limit=50', { token })).body).items.map((u) => u.email).sort();
    expect(await emails(acme.tokens.accessToken)).toEqual(['admin@acme.test', 'guard@acme.test']);
    expect(await emails(globex.tokens.accessToken)).toEqual(['admin@globex.test']);

    // Another tenant's token reaches nothing of acme, whatever the route or header.
    expect((await client.http('GET', `/v1/identity/users/${guardId}`, { token: globex.tokens.accessToken })).status).toBe(404);
    expect((await client.http('POST', `/v1/identity/users/${guardId}/disable`, { token: globex.tokens.accessToken })).status).toBe(404);
    expect((await client.http('PUT', `/v1/identity/users/${guardId}/roles`, { token: globex.tokens.accessToken, body: { roles: [] } })).status).toBe(404);
    const withHeader = await client.http('GET', `/v1/identity/users/${guardId}`, { token: globex.tokens.accessToken, headers: { 'ido-tenant': 'acme' } });
    expect(withHeader).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN', requestId: expect.any(String) } } });
    expect((await client.http('POST', '/v1/platform/tenants', { token: acme.tokens.accessToken, body: {} })).status).toBe(403);

    // Every persisting service provisioned its schema for the new tenants.
    const nats = await connectTestNats();
    try {
      for (const module of ['audit', 'accounting', 'sales', 'staffing', 'complaints']) {
        // Audit holds the platform tenant too: it keeps the operators' own log.
        await expect
          .poll(async () => (await rawRequest(nats, `${system.namespace}.${module}.v1.status.get`, {})).body, { timeout: 10_000 })
          .toMatchObject({ tenantCount: module === 'audit' ? 3 : 2 });
      }
    } finally {
      await nats.close();
    }
  });

  it('refuses missing, forged and revoked tokens at the edge with the error body', async () => {
    expect(await client.http('GET', '/v1/auth/me')).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED' } } });
    expect((await client.http('GET', '/v1/auth/me', { token: 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' })).status).toBe(401);

    const ops = await client.login('platform', platformOperator.email, platformOperator.password);
    const rotated = await client.http('POST', '/v1/auth/refresh', { body: { refreshToken: ops.refreshToken } });
    expect(rotated.status).toBe(200);
    expect((await client.http('POST', '/v1/auth/refresh', { body: { refreshToken: ops.refreshToken } })).status).toBe(401);
    const { refreshToken } = identityV1.authRefresh.reply.parse(rotated.body);
    expect((await client.http('POST', '/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);

    const fresh = await client.login('platform', platformOperator.email, platformOperator.password);
    expect((await client.http('POST', '/v1/auth/logout', { token: fresh.accessToken })).status).toBe(200);
    await expect.poll(async () => (await client.http('GET', '/v1/auth/me', { token: fresh.accessToken })).status, { timeout: 3_000 }).toBe(401);
  });

  it('answers bad sign-in input with 400, never 500', async () => {
    for (const body of [{}, { tenant: 'acme' }, { tenant: 1, email: [], password: null }, { tenant: 'acme', email: 'a@b.test', password: 'x', extra: true }]) {
      expect((await client.http('POST', '/v1/auth/login', { body })).status).toBe(400);
    }
    const wrong = await client.http('POST', '/v1/auth/login', { body: { tenant: 'acme', email: 'admin@acme.test', password: 'not it at all, sorry' } });
    expect(wrong).toMatchObject({ status: 401, body: { error: { code: 'UNAUTHENTICATED', message: 'Invalid tenant, email or password' } } });
  });
});
