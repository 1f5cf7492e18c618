import type { ServiceConfig } from '@ido/platform-config';
import { ensureServiceDatabase } from '@ido/platform-tenancy';
import type pino from 'pino';
import { createServiceApp, migrationsOf, type ServiceCommand, type ServiceDefinition } from './create-service-app';
import { maintenanceDatabaseOf } from './tenant-databases';

const usage = 'usage: main.js migrate | main.js provision <tenant-id>';

/**
 * Operator commands that run as the maintenance connection, without starting the
 * service: `nx run <svc>:migrate`, `nx run <svc>:provision -- <tenant>`. Exit code 1
 * if any tenant failed, 64 (EX_USAGE) for a bad command.
 */
export async function runMaintenanceCommand(definition: ServiceDefinition, config: ServiceConfig, argv: string[], log: pino.Logger): Promise<number> {
  const [command, tenantId] = argv;
  const own = command ? definition.commands?.[command] : undefined;
  if (own) return runServiceCommand(definition, config, own, argv.slice(1), log);
  if (!config.persistent || (command !== 'migrate' && command !== 'provision') || (command === 'provision') !== Boolean(tenantId)) {
    const usages = [usage, ...Object.values(definition.commands ?? {}).map((c) => `main.js ${c.usage}`)].join(' | ');
    process.stderr.write(`${config.service}: ${config.persistent ? usages : 'has no database'}\n`);
    return 64;
  }
  await ensureServiceDatabase(config.database.adminUrl, config.database.name);
  const maintenance = maintenanceDatabaseOf(config, migrationsOf(definition, config));
  try {
    if (command === 'provision') {
      const result = await maintenance.provisionTenant(tenantId as string);
      log.info({ tenant: tenantId, applied: result.applied }, `${config.service}: tenant provisioned`);
      return 0;
    }
    const report = await maintenance.migrateAllTenants();
    log.info({ migrated: report.migrated.length, failed: report.failed }, `${config.service}: migration finished`);
    return report.failed.length ? 1 : 0;
  } catch (error) {
    log.error({ reason: (error as Error).message }, `${config.service}: ${command} failed`);
    return 1;
  } finally {
    await maintenance.close();
  }
}

async function runServiceCommand(definition: ServiceDefinition, config: ServiceConfig, command: ServiceCommand, args: string[], log: pino.Logger): Promise<number> {
  const app = await createServiceApp(definition, config);
  try {
    await app.init();
    return await command.run(app, args);
  } catch (error) {
    log.error({ reason: (error as Error).message }, `${config.service}: command failed`);
    return 1;
  } finally {
    await app.close();
  }
}
