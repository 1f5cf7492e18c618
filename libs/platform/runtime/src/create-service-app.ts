import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceConfig, ServiceName } from '@ido/platform-config';
import { natsHealthCheck, NatsTransport, registerHandlers } from '@ido/platform-messaging';
import { HealthRegistry, instrumentHttp, requestIdOf, ServiceMetrics } from '@ido/platform-observability';
import { ensureServiceDatabase, MaintenanceDatabase } from '@ido/platform-tenancy';
import { dirname, join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { ServiceRuntimeModule } from './service-runtime.module';

export interface ServiceDefinition {
  name: ServiceName;
  /** The service's own root module (its bounded contexts). */
  module: Type | DynamicModule;
  /**
   * The service's migrations folder. Default: `migrations/` beside the running
   * bundle, where the build copies `apps/<svc>/prisma/migrations`.
   */
  migrationsDir?: string;
}

export function migrationsDirOf(definition: ServiceDefinition, config: ServiceConfig): string {
  return config.tenancy.migrationsDir ?? definition.migrationsDir ?? join(dirname(process.argv[1] ?? '.'), 'migrations');
}

const maxBodyBytes = 1024 * 1024;

/**
 * Builds a service exactly as production runs it — HTTP listener (health,
 * metrics) plus the NATS microservice — without listening yet, so tests use it too.
 */
export async function createServiceApp(definition: ServiceDefinition, config: ServiceConfig): Promise<NestFastifyApplication> {
  if (config.persistent) await ensureServiceDatabase(config.database.adminUrl, config.database.name);

  const metrics = new ServiceMetrics(config.service);
  const transport = new NatsTransport({
    service: config.service,
    servers: config.nats.servers,
    namespace: config.namespace,
    metrics,
    drainTimeoutMs: config.shutdownGraceMs,
  });

  const migrationsDir = migrationsDirOf(definition, config);
  @Module({ imports: [DiscoveryModule, ServiceRuntimeModule.forRoot(config, { metrics, transport, migrationsDir }), definition.module] })
  class ServiceRootModule {}

  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, new FastifyAdapter({ bodyLimit: maxBodyBytes, genReqId: requestIdOf }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  instrumentHttp(app.getHttpAdapter().getInstance(), metrics);
  registerHandlers(transport, app.get(DiscoveryService), app.get(MetadataScanner), app.get(Reflector));
  app.connectMicroservice({ strategy: transport });

  const health = app.get(HealthRegistry);
  health.register(natsHealthCheck(() => transport.unwrap()));
  if (config.persistent) {
    const maintenance = app.get(MaintenanceDatabase);
    health.register(maintenance.healthCheck());
    await migrateTenantsAtStart(maintenance, app.get(Logger));
  }

  await app.startAllMicroservices();
  return app;
}

/** Tenants missed while the service was down (or new migrations) are brought up to date. */
async function migrateTenantsAtStart(maintenance: MaintenanceDatabase, log: Logger): Promise<void> {
  const report = await maintenance.migrateAllTenants();
  const applied = report.migrated.filter((m) => m.applied.length > 0);
  if (applied.length) log.log(`migrated ${applied.length} tenant(s): ${applied.map((m) => m.schema).join(', ')}`, 'Tenancy');
  for (const failure of report.failed) log.error(`tenant ${failure.tenantId} not migrated: ${failure.error}`, undefined, 'Tenancy');
}
