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
          const reply = await rawRequest(nats, `${system.namespace}.${module}.v1.status.get`, {});
          // Identity always holds one tenant: the platform operators'.
          expect(reply).toMatchObject({ status: 'ok', body: { name: module, tenantCount: module === 'identity' ? 1 : 0 } });
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
