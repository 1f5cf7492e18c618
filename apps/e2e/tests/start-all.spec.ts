import { connectTestNats, dropNamespaceDatabases, infrastructureUrls, newTestNamespace, rawRequest } from '@ido/platform-testing';
import { freePortRange, isAlive, startProcess } from './processes';

const services = ['gateway', 'identity', 'audit', 'accounting', 'sales', 'staffing', 'complaints'];
const modules = services.filter((s) => s !== 'gateway');

/** `npm start` minus its build step: the launcher over the built services. */
describe('the whole system from the launcher', () => {
  const namespace = newTestNamespace();
  const { databaseUrl, natsUrl } = infrastructureUrls();

  afterAll(() => dropNamespaceDatabases(namespace));

  it('brings all seven services to ready within 30 s, serves status, and leaves no process on Ctrl-C', async () => {
    const portBase = await freePortRange(services.length);
    const launcher = startProcess(['tools/start-all.mjs'], {
      IDO_NAMESPACE: namespace,
      IDO_HTTP_PORT_BASE: String(portBase),
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      LOG_LEVEL: 'warn',
      IDO_READY_TIMEOUT_MS: '30000',
    });
    try {
      await launcher.waitFor(/all 7 services ready in ([\d.]+) s/, 35_000);
      const pids = [...launcher.output().matchAll(/pid (\d+)/g)].map((m) => Number(m[1]));
      expect(pids).toHaveLength(7);

      for (const [index, service] of services.entries()) {
        const response = await fetch(`http://127.0.0.1:${portBase + index}/health/ready`);
        expect({ service, status: response.status }).toEqual({ service, status: 200 });
      }

      const nats = await connectTestNats();
      try {
        for (const module of modules) {
          const reply = await rawRequest(nats, `${namespace}.${module}.v1.status.get`, {});
          expect(reply).toMatchObject({ status: 'ok', body: { name: module, tenantCount: 0 } });
        }
      } finally {
        await nats.close();
      }

      launcher.child.kill('SIGINT');
      const finished = await launcher.finished;
      expect(finished.code).toBe(0);
      expect(finished.output).toContain('all services stopped');
      expect(pids.filter(isAlive)).toEqual([]);
    } finally {
      launcher.child.kill('SIGKILL');
    }
  });
});
