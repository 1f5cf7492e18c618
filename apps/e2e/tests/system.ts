import { dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { freePortRange, type RunningProcess, startProcess } from './processes';

export const services = ['gateway', 'identity', 'audit', 'accounting', 'sales', 'staffing', 'complaints'];

export interface RunningSystem {
  namespace: string;
  launcher: RunningProcess;
  /** Base URL of one service's HTTP listener. */
  url(service: string): string;
  /** Stops the launcher (and so every service) and drops the namespace's databases. */
  stop(): Promise<void>;
}

/** `npm start` minus its build step: the launcher over the built services, in a namespace of its own. */
export async function startSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const namespace = newTestNamespace();
  const { databaseUrl, natsUrl } = infrastructureUrls();
  const portBase = await freePortRange(services.length);
  const launcher = startProcess(['tools/start-all.mjs'], {
    IDO_NAMESPACE: namespace,
    IDO_HTTP_PORT_BASE: String(portBase),
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    LOG_LEVEL: 'warn',
    IDO_READY_TIMEOUT_MS: '30000',
    ...env,
  });
  try {
    await launcher.waitFor(/all 7 services ready in ([\d.]+) s/, 35_000);
  } catch (error) {
    launcher.child.kill('SIGKILL');
    await dropNamespaceDatabases(namespace);
    throw error;
  }
  return {
    namespace,
    launcher,
    url: (service) => `http://127.0.0.1:${portBase + services.indexOf(service)}`,
    stop: async () => {
      launcher.child.kill('SIGINT');
      await Promise.race([launcher.finished, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      launcher.child.kill('SIGKILL');
      await dropNamespaceDatabases(namespace);
    },
  };
}
