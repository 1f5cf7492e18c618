import { ConfigError, loadServiceConfig, type ServiceConfig } from '@ido/platform-config';
import { HealthRegistry, pinoOptions } from '@ido/platform-observability';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import pino from 'pino';
import { createServiceApp, type ServiceDefinition, serviceSettingsOf } from './create-service-app';
import { runMaintenanceCommand } from './maintenance-commands';

/** EX_CONFIG from sysexits.h: the environment, not the code, is wrong. */
const exitConfigError = 78;

/**
 * The whole of a service's main.ts: validate config (exit at once naming the bad
 * variable), start, and on SIGTERM/SIGINT drain and exit. With arguments it runs a
 * maintenance command instead (`main.js migrate`, `main.js provision <tenant>`).
 */
export async function bootService(definition: ServiceDefinition): Promise<void> {
  let config: ServiceConfig;
  try {
    config = loadServiceConfig(definition.name);
    serviceSettingsOf(definition, config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${definition.name}: ${error.message}\n`);
    process.exit(exitConfigError);
  }
  const log = pino(pinoOptions({ service: config.service, release: config.release, level: config.logLevel }));
  const command = process.argv.slice(2);
  if (command.length) process.exit(await runMaintenanceCommand(definition, config, command, log));
  try {
    const app = await createServiceApp(definition, config);
    await app.listen(config.http.port, config.http.host);
    log.info({ url: await app.getUrl(), namespace: config.namespace }, `${config.service} listening`);
    stopOnSignals(app, config, log);
  } catch (error) {
    log.fatal({ reason: (error as Error).message }, `${config.service} cannot start`);
    process.exit(1);
  }
}

function stopOnSignals(app: NestFastifyApplication, config: ServiceConfig, log: pino.Logger): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, `${config.service} draining`);
    app.get(HealthRegistry).startDraining();
    const deadline = setTimeout(() => {
      log.error(`${config.service} did not stop within ${config.shutdownGraceMs} ms; exiting`);
      process.exit(1);
    }, config.shutdownGraceMs + 2_000);
    await app.close();
    clearTimeout(deadline);
    log.info(`${config.service} stopped`);
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
