import { startTestService, type TestService } from '@ido/platform-service-harness';
import { newTestNamespace } from '@ido/platform-testing';
import { startTestGateway } from '../testing/gateway-under-test';
import { httpClient } from '../testing/http-client';
import { ProbeModule, probeRoutes } from '../testing/probe-service';

/*
 * The gateway in front of a probe service, both in-process on the real NATS
 * server: routes built from declarations, the edge check, context forwarding,
 * and every failure in the one error body.
 */
const widgetId = '0b7c7c52-7f7e-4d8e-9f43-2a4f7c1f5e10';
const reader = 'Bearer test:acme:probe:widget:read';
const creator = 'Bearer test:acme:probe:widget:create';
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('gateway HTTP API', () => {
  const namespace = newTestNamespace();
  let probe: TestService;
  let gateway: TestService;

  const call = httpClient(() => gateway.url);
  const errorBody = (code: string, extra: Record<string, unknown> = {}) => ({ error: { code, message: expect.any(String), requestId: expect.any(String), ...extra } });

  beforeAll(async () => {
    probe = await startTestService({ name: 'sales', module: ProbeModule }, { namespace });
    gateway = await startTestGateway(probeRoutes, namespace);
  });
  afterAll(async () => {
    await gateway?.stop();
    await probe?.stop();
  });

  describe('round trips', () => {
    it('builds a GET request from the path and a coerced query', async () => {
      const answer = await call('GET', `/v1/probe/widgets/${widgetId}?limit=25`, { headers: { authorization: reader } });
      expect(answer).toMatchObject({ status: 200, body: { id: widgetId, limit: 25 } });
    });

    it('answers a POST with its declared success status', async () => {
      const answer = await call('POST', '/v1/probe/widgets', { headers: { authorization: creator }, body: { name: 'gear', size: 3 } });
      expect(answer).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^w-\d+$/), name: 'gear', size: 3 } });
    });

    it('lets path parameters win over the query, and the query over the body', async () => {
      const both = await call('PUT', '/v1/probe/labels/7?source=query', { body: { id: 'from-body', source: 'body' } });
      expect(both.body).toEqual({ id: '7', source: 'query' });
      const bodyOnly = await call('PUT', '/v1/probe/labels/7', { body: { source: 'body' } });
      expect(bodyOnly.body).toEqual({ id: '7', source: 'body' });
    });

    it('ignores the body of a DELETE', async () => {
      const answer = await call('DELETE', '/v1/probe/widgets/w-9', { headers: { authorization: reader }, body: { extra: true } });
      expect(answer).toMatchObject({ status: 200, body: { deleted: 'w-9' } });
    });
  });

  describe('validation before the hop', () => {
    it('rejects an unknown field with the zod issues', async () => {
      const answer = await call('POST', '/v1/probe/widgets', { headers: { authorization: creator }, body: { name: 'gear', size: 3, colour: 'red' } });
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(errorBody('VALIDATION_FAILED', { details: [expect.objectContaining({ code: 'unrecognized_keys', keys: ['colour'] })] }));
    });

    it('rejects a wrong type in the body or the query', async () => {
      const body = await call('POST', '/v1/probe/widgets', { headers: { authorization: creator }, body: { name: 'gear', size: 'big' } });
      expect(body.body).toEqual(errorBody('VALIDATION_FAILED', { details: [expect.objectContaining({ code: 'invalid_type', path: ['size'] })] }));
      const query = await call('GET', `/v1/probe/widgets/${widgetId}?limit=many`, { headers: { authorization: reader } });
      expect(query).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED', details: [expect.objectContaining({ path: ['limit'] })] } } });
    });

    it('rejects a JSON body that is not an object', async () => {
      const answer = await call('PUT', '/v1/probe/labels/7', { body: ['body'] });
      expect(answer).toMatchObject({ status: 400, body: errorBody('VALIDATION_FAILED') });
    });
  });

  describe("the HTTP layer's own failures", () => {
    it('answers malformed JSON with 400', async () => {
      const answer = await call('PUT', '/v1/probe/labels/7', { headers: { 'content-type': 'application/json' }, body: '{"source":' });
      expect(answer).toMatchObject({ status: 400, body: errorBody('VALIDATION_FAILED') });
    });

    it('answers a body that is not JSON with 415', async () => {
      const answer = await call('PUT', '/v1/probe/labels/7', { headers: { 'content-type': 'text/plain' }, body: 'source=body' });
      expect(answer).toMatchObject({ status: 415, body: errorBody('VALIDATION_FAILED') });
    });

    it('answers a body over 1 MiB with 413', async () => {
      const answer = await call('PUT', '/v1/probe/labels/7', { body: { source: 'x'.repeat(1024 * 1024) } });
      expect(answer).toMatchObject({ status: 413, body: errorBody('VALIDATION_FAILED') });
    });

    it.each([
      ['a malformed percent-encoding', '/v1/probe/widgets/%zz', 400],
      ['an over-long path parameter', `/v1/probe/widgets/${'w'.repeat(101)}`, 414],
    ])('answers a URL the router rejects (%s) in the error body', async (_case, path, status) => {
      const answer = await call('GET', path, { headers: { 'x-request-id': 'req-url' } });
      expect(answer).toMatchObject({ status, body: errorBody('VALIDATION_FAILED', { requestId: 'req-url' }) });
    });

    it("answers a request Node's parser refuses (headers over 16 KiB) in the error body", async () => {
      const answer = await call('GET', `/v1/probe/labels?filler=${'x'.repeat(20_000)}`);
      expect(answer).toMatchObject({ status: 431, body: errorBody('VALIDATION_FAILED') });
    });

    it.each([
      ['an unknown path', 'GET', '/v1/probe/nothing-here'],
      ['a path outside the API', 'GET', '/nothing-here'],
      ['a method the route does not have', 'PATCH', '/v1/probe/hang'],
    ])('answers %s with 404', async (_case, method, path) => {
      const answer = await call(method, path, { headers: { 'x-request-id': 'req-404' } });
      expect(answer).toMatchObject({ status: 404, body: errorBody('NOT_FOUND', { requestId: 'req-404' }) });
      expect(answer.headers.get('x-request-id')).toBe('req-404');
    });
  });

  describe('the edge check', () => {
    it('answers 401 without a valid token, before any hop', async () => {
      expect(await call('GET', '/v1/probe/context')).toMatchObject({ status: 401, body: errorBody('UNAUTHENTICATED') });
      expect(await call('GET', '/v1/probe/context', { headers: { authorization: 'Bearer forged' } })).toMatchObject({ status: 401 });
    });

    it('answers 403 without the permission, and for another tenant', async () => {
      const noPermission = await call('POST', '/v1/probe/widgets', { headers: { authorization: reader }, body: { name: 'gear', size: 3 } });
      expect(noPermission).toMatchObject({ status: 403, body: errorBody('FORBIDDEN') });
      const otherTenant = await call('GET', '/v1/probe/context', { headers: { authorization: reader, 'ido-tenant': 'globex' } });
      expect(otherTenant).toMatchObject({ status: 403, body: errorBody('FORBIDDEN') });
    });

    it('checks access before validating, so a refused caller learns nothing of the schema', async () => {
      const answer = await call('POST', '/v1/probe/widgets', { body: { unknown: true } });
      expect(answer).toMatchObject({ status: 401, body: errorBody('UNAUTHENTICATED') });
    });
  });

  describe('context on the hop', () => {
    it('forwards request id, token, verified tenant, trace context and client address', async () => {
      const headers = { authorization: reader, 'x-request-id': 'req-ctx-1', traceparent, 'ido-tenant': 'acme' };
      const answer = await call('GET', '/v1/probe/context', { headers });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-request-id')).toBe('req-ctx-1');
      expect(answer.body).toEqual({ requestId: 'req-ctx-1', tenant: 'acme', authorization: reader, traceparent, clientIp: '127.0.0.1' });
    });

    it('drops a malformed traceparent and gives a request without an id one of its own', async () => {
      const answer = await call('GET', '/v1/probe/context', { headers: { authorization: reader, traceparent: '00-zz-01' } });
      const requestId = answer.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.body).toEqual({ requestId, tenant: 'acme', authorization: reader, clientIp: '127.0.0.1' });
    });
  });

  describe('failures of the services', () => {
    it("carries a handler's NOT_FOUND with its details and the request id", async () => {
      const answer = await call('GET', '/v1/probe/missing', { headers: { 'x-request-id': 'req-missing' } });
      expect(answer).toEqual({
        status: 404,
        headers: expect.anything(),
        body: { error: { code: 'NOT_FOUND', message: 'No such widget', details: { id: 'w-404' }, requestId: 'req-missing' } },
      });
    });

    it('answers 504 within the contract timeout when the handler hangs', async () => {
      const started = Date.now();
      const answer = await call('GET', '/v1/probe/hang');
      const elapsed = Date.now() - started;
      expect(answer).toMatchObject({ status: 504, body: errorBody('TIMEOUT') });
      expect(elapsed).toBeGreaterThanOrEqual(290);
      expect(elapsed).toBeLessThan(1_000);
    });

    it('answers 503 at once when no service serves the contract', async () => {
      const started = Date.now();
      const answer = await call('GET', '/v1/probe/orphan');
      expect(answer).toMatchObject({ status: 503, body: errorBody('UNAVAILABLE') });
      expect(JSON.stringify(answer.body)).not.toContain('probe.v1');
      expect(Date.now() - started).toBeLessThan(250);
    });

    it('answers a crash with a generic 500 and no internals', async () => {
      const answer = await call('GET', '/v1/probe/crash');
      expect(answer).toMatchObject({ status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error', requestId: expect.any(String) } } });
      expect(JSON.stringify(answer.body)).not.toMatch(/hunter2|secret\.ts|\bat\b/);
    });

    it('tells a throttled client when to retry', async () => {
      const answer = await call('GET', '/v1/probe/throttled');
      expect(answer).toMatchObject({ status: 429, body: errorBody('RATE_LIMITED', { details: { retryAfterSeconds: 29.5 } }) });
      expect(answer.headers.get('retry-after')).toBe('30');
    });
  });

  it('labels HTTP metrics with the route template, not the URL', async () => {
    await call('GET', `/v1/probe/widgets/${widgetId}`, { headers: { authorization: reader } });
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/ido_http_requests_total\{method="GET",route="\/v1\/probe\/widgets\/:id",status="200",service="gateway"\} \d+/);
    expect(metrics).not.toContain(widgetId);
  });
});
