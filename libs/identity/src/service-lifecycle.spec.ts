import { loadServiceConfig } from '@ido/platform-config';
import { createServiceApp } from '@ido/platform-runtime';
import { startTestService, type TestService } from '@ido/platform-service-harness';
import { connectTestNats, infrastructureUrls, newTestNamespace, rawRequest } from '@ido/platform-testing';
import { eventually, FakeIdentity, fakeIdentityModule, newSigningKey, probe, probeModule, signToken, tenant } from '../tests/identity-fixture';

/*
 * createServiceApp starts the NATS microservice before Nest runs its init hooks
 * (they run at app.listen): the guard must already be on by then.
 */
describe('a service between starting its transport and its init hooks', () => {
  it('already refuses a guarded handler without a token', async () => {
    const { databaseUrl, natsUrl } = infrastructureUrls();
    const config = loadServiceConfig('gateway', { DATABASE_URL: databaseUrl, NATS_URL: natsUrl, IDO_NAMESPACE: newTestNamespace(), LOG_LEVEL: 'warn' });
    const app = await createServiceApp({ name: 'gateway', module: probeModule() }, config);
    const nats = await connectTestNats();
    try {
      const reply = await rawRequest(nats, `${config.namespace}.${probe.me.subject}`, {});
      expect(reply).toEqual({ status: 'error', body: expect.objectContaining({ code: 'UNAUTHENTICATED' }) });
    } finally {
      await nats.close();
      await app.close();
    }
  });
});

/*
 * Identity is a hard runtime dependency, but not a boot dependency: a service
 * started while identity is down boots, refuses what needs identity with
 * UNAVAILABLE, and heals by itself; its periodic reload heals missed events.
 */
describe('a service started while identity is down', () => {
  const namespace = newTestNamespace();
  const fake = new FakeIdentity();
  let service: TestService;
  let identity: TestService | undefined;
  let token: string;
  const call = (subject: string) => rawRequest(service.nats, service.subject(subject), {}, { authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const key = await newSigningKey();
    fake.keys = [key];
    token = await signToken(key);
    service = await startTestService({ name: 'sales', module: probeModule({ retryMs: 100, syncIntervalMs: 500, onDemandRefetchMs: 100 }) }, { namespace });
  });
  afterAll(async () => {
    await service?.stop();
    await identity?.stop();
  });

  it('boots and answers UNAVAILABLE for guarded handlers, while public ones work', async () => {
    expect(await call(probe.me.subject)).toEqual({ status: 'error', body: expect.objectContaining({ code: 'UNAVAILABLE' }) });
    expect(await call(probe.open.subject)).toMatchObject({ status: 'ok' });
  });

  it('serves guarded handlers once identity is up, without a restart', async () => {
    identity = await startTestService({ name: 'identity', module: fakeIdentityModule(fake) }, { namespace });
    await eventually(async () => expect(await call(probe.me.subject)).toMatchObject({ status: 'ok' }), 5_000);
  });

  it('heals a missed event with its periodic reload', async () => {
    fake.snapshot = { ...fake.snapshot, tenants: fake.snapshot.tenants.map((t) => (t.id === tenant ? { ...t, status: 'suspended' as const } : t)) };
    await eventually(
      async () => expect(await call(probe.me.subject)).toEqual({ status: 'error', body: expect.objectContaining({ details: { reason: 'tenant-suspended' } }) }),
      3_000,
    );
  });
});
