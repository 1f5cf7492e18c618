import { startTestService, type TestService } from '@ido/platform-service-harness';
import { newTestNamespace } from '@ido/platform-testing';
import { startTestGateway } from '../testing/gateway-under-test';
import { httpClient } from '../testing/http-client';
import { ProbeModule, probeRoutes } from '../testing/probe-service';
import { idempotencyBucketOf, IdempotencyStore } from './idempotency-store';

/*
 * Idempotency keys through the gateway, with the records in the real JetStream
 * key-value bucket: replays, conflicts, concurrent duplicates, tenant scope.
 */
const creator = 'Bearer test:acme:probe:widget:create';
const otherTenant = 'Bearer test:globex:probe:widget:create';

describe('idempotency keys', () => {
  const namespace = newTestNamespace();
  let probe: TestService;
  let gateway: TestService;
  const call = httpClient(() => gateway.url);
  let keys = 0;
  const newKey = () => `key-${Date.now()}-${++keys}`;
  const create = (key: string | undefined, body: unknown, authorization = creator) =>
    call('POST', '/v1/probe/widgets', { headers: { authorization, ...(key && { 'idempotency-key': key }) }, body });

  beforeAll(async () => {
    probe = await startTestService({ name: 'sales', module: ProbeModule }, { namespace });
    gateway = await startTestGateway(probeRoutes, namespace);
  });
  afterAll(async () => {
    await gateway?.stop();
    await probe?.stop();
  });

  it('replays the first answer for the same key and body, flagged, without a second record', async () => {
    const key = newKey();
    const first = await create(key, { name: 'gear', size: 3 });
    const again = await create(key, { size: 3, name: 'gear' });
    expect(first).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^w-\d+$/) } });
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('creates anew without a key', async () => {
    const [one, two] = [await create(undefined, { name: 'gear', size: 3 }), await create(undefined, { name: 'gear', size: 3 })];
    expect(one.body).not.toEqual(two.body);
  });

  it('answers 409 to the same key with a different body', async () => {
    const key = newKey();
    await create(key, { name: 'gear', size: 3 });
    const reused = await create(key, { name: 'gear', size: 4 });
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', details: { reason: 'idempotency-key-reused' } } } });
  });

  it('answers 409 to a duplicate that arrives while the first is in flight', async () => {
    const key = newKey();
    const send = () => call('POST', '/v1/probe/gadgets', { headers: { authorization: creator, 'idempotency-key': key }, body: { name: 'slow' } });
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.status === 409)?.body).toMatchObject({ error: { details: { reason: 'idempotency-key-in-flight' } } });
    expect(await send()).toMatchObject({ status: 201, body: answers.find((a) => a.status === 201)?.body });
  });

  it('keeps the keys of each tenant apart', async () => {
    const key = newKey();
    const acme = await create(key, { name: 'gear', size: 3 });
    const globex = await create(key, { name: 'gear', size: 3 }, otherTenant);
    expect(globex.status).toBe(201);
    expect(globex.headers.get('idempotent-replayed')).toBeNull();
    expect(globex.body).not.toEqual(acme.body);
  });

  it("replays a service's refusal too", async () => {
    const key = newKey();
    expect(await create(key, { name: 'taken', size: 1 })).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: 'Name taken' } } });
    const again = await create(key, { name: 'taken', size: 1 });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CONFLICT', message: 'Name taken' } } });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('frees the key when no service took the request, so a retry is not refused', async () => {
    const key = newKey();
    const send = () => call('POST', '/v1/probe/orphans', { headers: { authorization: creator, 'idempotency-key': key }, body: {} });
    expect((await send()).status).toBe(503);
    expect((await send()).status).toBe(503);
  });

  it.each([['too short', 'abc'], ['spaces', 'has spaces in it'], ['too long', 'k'.repeat(256)]])('refuses a malformed key (%s)', async (_case, key) => {
    expect(await create(key, { name: 'gear', size: 3 })).toMatchObject({ status: 400, body: { error: { code: 'VALIDATION_FAILED' } } });
  });

  it('accepts a key quoted as a structured-field string', async () => {
    const key = newKey();
    const first = await create(`"${key}"`, { name: 'gear', size: 3 });
    expect(await create(key, { name: 'gear', size: 3 })).toMatchObject({ status: 201, body: first.body });
  });

  it('keeps records in a namespaced bucket that expires them after 24 h', async () => {
    const kv = await gateway.nats.jetstream().views.kv(idempotencyBucketOf(namespace), { bindOnly: true });
    expect((await kv.status()).ttl).toBe(24 * 3_600 * 1_000);
  });

  it('lets the same request take over a claim its gateway abandoned, and nobody else', async () => {
    const store = gateway.app.get(IdempotencyStore);
    const key = `acme.${newKey()}`;
    expect(await store.claim(key, 'fingerprint-a', 60_000)).toMatchObject({ owned: true });
    expect(await store.claim(key, 'fingerprint-a', 60_000)).toMatchObject({ owned: false, record: { state: 'pending' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await store.claim(key, 'fingerprint-b', 1)).toMatchObject({ owned: false });
    expect(await store.claim(key, 'fingerprint-a', 1)).toMatchObject({ owned: true });
  });
});
