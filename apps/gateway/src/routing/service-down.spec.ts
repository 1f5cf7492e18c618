import { startTestService, type TestService } from '@ido/platform-service-harness';
import { newTestNamespace } from '@ido/platform-testing';
import { startTestGateway } from '../testing/gateway-under-test';
import { httpClient } from '../testing/http-client';
import { PingModule, pingRoutes } from '../testing/ping-service';
import { ProbeModule, probeRoutes } from '../testing/probe-service';

/* One module's service stops: its routes fail fast with 503, the others carry on. */
describe('a stopped service', () => {
  const namespace = newTestNamespace();
  let probe: TestService;
  let ping: TestService | undefined;
  let gateway: TestService;
  const call = httpClient(() => gateway.url);
  const probeCall = () => call('GET', '/v1/probe/context', { headers: { authorization: 'Bearer test:acme:' } });

  beforeAll(async () => {
    [probe, ping] = await Promise.all([
      startTestService({ name: 'sales', module: ProbeModule }, { namespace }),
      startTestService({ name: 'staffing', module: PingModule }, { namespace }),
    ]);
    gateway = await startTestGateway([...probeRoutes, ...pingRoutes], namespace);
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([probe?.stop(), ping?.stop()]);
  });

  it('answers 503 at once on its routes while the other modules answer as before', async () => {
    expect(await call('GET', '/v1/ping')).toMatchObject({ status: 200, body: { pong: true } });
    await ping?.stop();
    ping = undefined;

    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const down = await call('GET', '/v1/ping');
      expect(down).toMatchObject({ status: 503, body: { error: { code: 'UNAVAILABLE', requestId: expect.any(String) } } });
      expect(performance.now() - started).toBeLessThan(100);
      expect(await probeCall()).toMatchObject({ status: 200, body: { tenant: 'acme' } });
    }
    expect((await fetch(`${gateway.url}/health/ready`)).status).toBe(200);
  });
});
