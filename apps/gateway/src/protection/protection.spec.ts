import { startTestService, type TestService } from '@ido/platform-service-harness';
import { newTestNamespace } from '@ido/platform-testing';
import { startTestGateway } from '../testing/gateway-under-test';
import { httpClient } from '../testing/http-client';
import { ProbeModule, probeRoutes } from '../testing/probe-service';

/*
 * What protects the gateway beyond the edge check: security headers, the CORS
 * allow-list, and rate limits per source address and per tenant.
 */
const acme = 'Bearer test:acme:';
const globex = 'Bearer test:globex:';
const allowedOrigin = 'https://app.example.com';

describe('gateway protection', () => {
  const namespace = newTestNamespace();
  let probe: TestService;
  let gateway: TestService;
  let bySource: TestService;
  let byTenant: TestService;
  let behindProxy: TestService;
  const call = httpClient(() => gateway.url);

  beforeAll(async () => {
    probe = await startTestService({ name: 'sales', module: ProbeModule }, { namespace });
    [gateway, bySource, byTenant, behindProxy] = await Promise.all([
      startTestGateway(probeRoutes, namespace, { GATEWAY_CORS_ORIGINS: `${allowedOrigin}, https://admin.example.com` }),
      startTestGateway(probeRoutes, namespace, { GATEWAY_RATE_LIMIT_PER_SOURCE: '3' }),
      startTestGateway(probeRoutes, namespace, { GATEWAY_RATE_LIMIT_PER_TENANT: '2' }),
      startTestGateway(probeRoutes, namespace, { GATEWAY_RATE_LIMIT_PER_SOURCE: '2', GATEWAY_TRUSTED_PROXIES: '127.0.0.1' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([gateway?.stop(), bySource?.stop(), byTenant?.stop(), behindProxy?.stop()]);
    await probe?.stop();
  });

  describe('security headers', () => {
    it.each(['/v1/probe/context', '/health/ready', '/v1/nowhere'])('puts them on %s, with a content policy that lets nothing run', async (path) => {
      const { headers } = await call('GET', path, { headers: { authorization: acme } });
      expect(headers.get('content-security-policy')).toBe("default-src 'none';frame-ancestors 'none'");
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(headers.get('x-frame-options')).toBe('SAMEORIGIN');
    });
  });

  describe('CORS', () => {
    it('answers a preflight from an allowed origin, exposing the headers clients read', async () => {
      const preflight = await call('OPTIONS', '/v1/probe/widgets', {
        headers: { origin: allowedOrigin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,idempotency-key' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      const simple = await call('GET', '/v1/probe/context', { headers: { origin: allowedOrigin, authorization: acme } });
      expect(simple.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
      expect(simple.headers.get('access-control-expose-headers')).toBe('x-request-id, retry-after, idempotent-replayed');
    });

    it('tells other origins nothing, and by default allows none', async () => {
      const other = await call('GET', '/v1/probe/context', { headers: { origin: 'https://evil.example', authorization: acme } });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const byDefault = await fetch(`${bySource.url}/health/live`, { headers: { origin: allowedOrigin } });
      expect(byDefault.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  describe('rate limits', () => {
    it('answers 429 with Retry-After and the error body once a source address is over its limit', async () => {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${bySource.url}/v1/probe/context`, { headers: { authorization: acme } })).status);
      expect(statuses).toEqual([200, 200, 200]);
      const refused = await httpClient(() => bySource.url)('GET', '/v1/probe/context', { headers: { authorization: globex } });
      expect(refused).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', details: { limit: 'source' }, requestId: expect.any(String) } } });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // An X-Forwarded-For from an untrusted peer changes nothing.
      const spoofed = await fetch(`${bySource.url}/v1/probe/context`, { headers: { authorization: acme, 'x-forwarded-for': '203.0.113.99' } });
      expect(spoofed.status).toBe(429);
    });

    it("behind a trusted proxy, counts the client's forwarded address and passes it on", async () => {
      const proxied = httpClient(() => behindProxy.url);
      const from = (address: string) => proxied('GET', '/v1/probe/context', { headers: { authorization: acme, 'x-forwarded-for': address } });
      expect(await from('203.0.113.7')).toMatchObject({ status: 200, body: { clientIp: '203.0.113.7' } });
      expect((await from('203.0.113.7')).status).toBe(200);
      expect((await from('203.0.113.7')).status).toBe(429);
      expect((await from('203.0.113.8')).status).toBe(200);
    });

    it('counts each verified tenant on its own', async () => {
      const tenantCall = httpClient(() => byTenant.url);
      const asAcme = () => tenantCall('GET', '/v1/probe/context', { headers: { authorization: acme } });
      expect([(await asAcme()).status, (await asAcme()).status]).toEqual([200, 200]);
      const refused = await asAcme();
      expect(refused).toMatchObject({ status: 429, body: { error: { code: 'RATE_LIMITED', details: { limit: 'tenant' } } } });
      expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await tenantCall('GET', '/v1/probe/context', { headers: { authorization: globex } })).status).toBe(200);
      // Anonymous calls have no tenant to count.
      expect((await tenantCall('PUT', '/v1/probe/labels/1', { body: { source: 'body' } })).status).toBe(200);
    });
  });
});
