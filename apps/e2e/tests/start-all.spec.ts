import { connectTestNats, rawRequest } from '@ido/platform-testing';
import { isAlive } from './processes';
import { services, startSystem } from './system';

const modules = services.filter((s) => s !== 'gateway');

describe('the whole system from the launcher', () => {
  it('brings all seven services to ready, serves status, and leaves no process on Ctrl-C', async () => {
    const system = await startSystem();
    try {
      const pids = [...system.launcher.output().matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
      expect(pids).toHaveLength(7);

      for (const service of services) {
        const response = await fetch(`${system.url(service)}/health/ready`);
        expect({ service, status: response.status }).toEqual({ service, status: 200 });
      }

      const nats = await connectTestNats();
      try {
        for (const module of modules) {
          // Identity holds one tenant from the start, the platform operators'; audit provisions it once
          // it has loaded identity's tenants (it keeps the operators' own log).
          const tenantCount = module === 'identity' || module === 'audit' ? 1 : 0;
          await expect
            .poll(() => rawRequest(nats, `${system.namespace}.${module}.v1.status.get`, {}), { timeout: 10_000 })
            .toMatchObject({ status: 'ok', body: { name: module, tenantCount } });
        }
      } finally {
        await nats.close();
      }

      system.launcher.child.kill('SIGINT');
      const finished = await system.launcher.finished;
      expect(finished.code).toBe(0);
      expect(finished.output).toContain('all services stopped');
      expect(pids.filter(isAlive)).toEqual([]);
    } finally {
      await system.stop();
    }
  });
});
