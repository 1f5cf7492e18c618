import { request as httpRequest } from 'node:http';
import fc from 'fast-check';
import { httpRoutes } from '@ido/internal-api';
import { errorCodes } from '@ido/platform-messaging';
import { connectTestNats } from '@ido/platform-testing';
import { type MalformedRequest, malformedRequests } from './malformed-requests';
import { type RunningSystem, services, startSystem } from './system';

/*
 * The public API under fire, with every service running as a process: thousands
 * of malformed requests over every route, each answered 4xx in the one error
 * body, never a 5xx, and everything still ready afterwards.
 */
const operator = { email: 'ops@fuzz.test', password: 'fuzzing operator passphrase' };
const admin = { email: 'boss@fuzz.test', displayName: 'Boss', password: 'fuzz tenant admin passphrase' };
const kinds = [
  'extra field', 'not an object', 'bad JSON', 'wrong content type', 'deep nesting', 'prototype poisoning', 'missing field', 'wrong type',
  'extra query field', 'repeated query field', 'bad token', 'bad path parameter', 'unknown route',
];

/** fast-check's own report prints the whole counterexample: megabytes, for a huge string. */
function briefly<T>(run: fc.RunDetails<T>): void {
  if (run.failed) throw new Error(`failed after ${run.numRuns} runs (seed ${run.seed}, path ${run.counterexamplePath}): ${String(run.errorInstance).slice(0, 3_000)}`);
}

interface Answer {
  status: number;
  body: unknown;
}

describe('the gateway under malformed requests', () => {
  let system: RunningSystem;
  let gateway: string;
  let token: string;

  const send = async ({ method, path, headers, body }: Pick<MalformedRequest, 'method' | 'path' | 'headers' | 'body'>): Promise<Answer> => {
    const response = await fetch(`${gateway}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: response.headers.get('content-type')?.startsWith('application/json') ? JSON.parse(text) : text };
  };
  /**
   * An oversized body on a connection of its own, read as soon as the answer comes: the
   * gateway answers 413 from Content-Length without reading the upload, and may close
   * the socket while the client still writes, which fetch reports as a failure instead.
   */
  const sendOversized = (path: string, headers: Record<string, string>, body: string): Promise<Answer> =>
    new Promise((resolve, reject) => {
      let answered = false;
      const request = httpRequest(`${gateway}${path}`, { method: 'POST', headers, agent: false }, (response) => {
        answered = true;
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      request.end(body);
    });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => send({ method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const errorBody = { error: { code: expect.toSatisfy((code: string) => (errorCodes as readonly string[]).includes(code)), message: expect.any(String), requestId: expect.any(String) } };

  beforeAll(async () => {
    const unlimited = { GATEWAY_RATE_LIMIT_PER_SOURCE: '1000000', GATEWAY_RATE_LIMIT_PER_TENANT: '1000000' };
    system = await startSystem({ IDO_PLATFORM_ADMIN_EMAIL: operator.email, IDO_PLATFORM_ADMIN_PASSWORD: operator.password, ...unlimited });
    gateway = system.url('gateway');
    const ops = (await post('/v1/auth/login', { tenant: 'platform', ...operator })).body as { accessToken: string };
    // "Ready" says NATS is up; the gateway may still be loading identity's access state and keys.
    const me = () => send({ method: 'GET', path: '/v1/auth/me', headers: { authorization: `Bearer ${ops.accessToken}` } });
    for (const deadline = Date.now() + 15_000; (await me()).status !== 200 && Date.now() < deadline; ) await new Promise((resolve) => setTimeout(resolve, 100));
    const tenant = { id: 'fuzz', name: 'Fuzz', modules: [], admin };
    const headers = { authorization: `Bearer ${ops.accessToken}`, 'idempotency-key': 'create-tenant-fuzz-1' };
    const created = await post('/v1/platform/tenants', tenant, headers);
    expect(created).toMatchObject({ status: 201, body: { tenant: { id: 'fuzz' } } });
    // A retry of the same creation is answered from the idempotency store, not refused as a duplicate.
    expect(await post('/v1/platform/tenants', tenant, headers)).toEqual(created);
    token = ((await post('/v1/auth/login', { tenant: 'fuzz', email: admin.email, password: admin.password })).body as { accessToken: string }).accessToken;
  });
  afterAll(async () => {
    const nats = await connectTestNats();
    await (await nats.jetstreamManager()).streams.delete(`KV_${system?.namespace}_gateway_idempotency`).catch(() => undefined);
    await nats.close();
    await system?.stop();
  });

  it('answers 2,000 malformed requests over every route with 4xx and the error body', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(malformedRequests(httpRoutes, token), async (request) => {
        const answer = await send(request);
        seen.set(request.kind, (seen.get(request.kind) ?? 0) + 1);
        const what = `${request.kind}: ${request.method} ${request.path.slice(0, 200)} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`;
        expect(answer.status, what).toBeGreaterThanOrEqual(400);
        expect(answer.status, what).toBeLessThan(500);
        expect(answer.body, what).toMatchObject(errorBody);
      }),
      { numRuns: 2_000, reporter: briefly },
    );
    expect([...seen.keys()].sort()).toEqual([...kinds].sort());
  }, 120_000);

  it('answers bodies over 1 MiB with 413', async () => {
    const bodyRoutes = httpRoutes.filter((route) => route.method === 'POST' && !route.path.includes(':'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...bodyRoutes), fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }), async (route, size) => {
        const answer = await sendOversized(route.path, { 'content-type': 'application/json', authorization: `Bearer ${token}` }, `{"x":"${'x'.repeat(size)}"}`);
        expect(answer).toMatchObject({ status: 413, body: errorBody });
      }),
      { numRuns: 10, reporter: briefly },
    );
  });

  it('leaves the gateway and every service ready, and the API working', async () => {
    for (const service of services) expect((await fetch(`${system.url(service)}/health/ready`)).status, service).toBe(200);
    const me = await send({ method: 'GET', path: '/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    expect(me).toMatchObject({ status: 200, body: { tenant: 'fuzz', user: { email: admin.email } } });
  });
});
