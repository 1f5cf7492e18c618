import { IdentityModule } from '@ido/identity';
import { startBuiltService, startTestService, verifyServiceBoots } from '@ido/platform-service-harness';
import { newTestNamespace } from '@ido/platform-testing';
import { deployedGateway, gatewayService } from './gateway.module';

// The boot checks every service passes, on the deployed gateway minus its wait for identity (below).
verifyServiceBoots(gatewayService({ ...deployedGateway, imports: [IdentityModule.forService()] }));

describe('the deployed gateway', () => {
  it("is ready only once identity's access state and keys have loaded, and stays ready without identity after", { timeout: 60_000 }, async () => {
    const namespace = newTestNamespace();
    const gateway = await startTestService(gatewayService(deployedGateway), { namespace });
    const readiness = async () => {
      const response = await fetch(`${gateway.url}/health/ready`);
      return { status: response.status, body: await response.json() };
    };
    try {
      expect(await readiness()).toMatchObject({ status: 503, body: { checks: { nats: 'up', identity: expect.stringMatching(/^down: /) } } });
      const identity = await startBuiltService('identity', { namespace });
      try {
        await expect.poll(readiness, { timeout: 30_000, interval: 200 }).toEqual({ status: 200, body: { status: 'ok', checks: { nats: 'up', identity: 'up' } } });
      } finally {
        await identity.stop();
      }
      // A later outage of identity leaves the state it loaded in place: the gateway keeps serving from it.
      expect((await readiness()).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  });
});
