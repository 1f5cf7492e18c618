import { type DynamicModule, type INestApplicationContext, Module, type Type } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, MetadataScanner, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyServerOptions } from 'fastify';
import { loadConfig, type ServiceConfig, type ServiceName } from '@ido/platform-config';
import type { z } from 'zod';
import { natsHealthCheck, NatsTransport, registerHandlers } from '@ido/platform-messaging';
import { HealthRegistry, instrumentHttp, requestIdOf, ServiceMetrics } from '@ido/platform-observability';
import { combineMigrations, ensureServiceDatabase, loadMigrations, MaintenanceDatabase, type Migration, type TenantClientFactory } from '@ido/platform-tenancy';
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
  /**
   * Tables every persisting service's tenants need, shipped by a shared lib (e.g.
   * `@ido/audit`'s outbox): applied to each tenant schema before the service's own.
   */
  platformMigrations?: readonly Migration[];
  /**
   * Fastify server options a service adds to the shared ones, e.g. the gateway's
   * `frameworkErrors` and `clientErrorHandler`, so that URLs its router rejects
   * and requests Node's HTTP parser refuses get the API's error body, and
   * `trustProxy`, so that it sees clients' addresses behind a load balancer.
   */
  httpOptions?: Pick<FastifyServerOptions, 'frameworkErrors' | 'clientErrorHandler' | 'trustProxy'>;
  /**
   * The service's own environment variables beyond the shared ones, validated at
   * boot like them (a bad one exits 78); injected as SERVICE_SETTINGS.
   */
  settings?: z.ZodType;
  /**
   * What `TenantClients` lends per tenant: the service's Prisma client
   * (`prismaClientFactory((adapter) => new PrismaClient({ adapter }))`); a bare pg pool if absent.
   */
  tenantClient?: TenantClientFactory<unknown>;
  /** Operator commands of this service beyond migrate/provision (`main.js <name> …`). */
  commands?: Record<string, ServiceCommand>;
}

/**
 * An operator command run against a fully started instance of the service (it is
 * a replica for its few seconds of life), e.g. identity's `create-platform-admin`.
 */
export interface ServiceCommand {
  usage: string;
  /** Returns the exit code. */
  run(app: INestApplicationContext, args: string[]): Promise<number>;
}

/** The service's own settings, parsed by its definition's schema (empty object when it has none). */
export function serviceSettingsOf(definition: ServiceDefinition, config: ServiceConfig): unknown {
  return definition.settings ? loadConfig(definition.settings, config.environment) : {};
}

export function migrationsDirOf(definition: ServiceDefinition, config: ServiceConfig): string {
  return config.tenancy.migrationsDir ?? definition.migrationsDir ?? join(dirname(process.argv[1] ?? '.'), 'migrations');
}

/** Every migration of one tenant schema: the platform's, then the service's own folder. */
export function migrationsOf(definition: ServiceDefinition, config: ServiceConfig): Migration[] {
  return combineMigrations([definition.platformMigrations ?? [], loadMigrations(migrationsDirOf(definition, config))]);
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

  const migrations = migrationsOf(definition, config);
  const settings = serviceSettingsOf(definition, config);
  @Module({ imports: [DiscoveryModule, ServiceRuntimeModule.forRoot(config, { metrics, transport, migrations, settings, tenantClient: definition.tenantClient }), definition.module] })
  class ServiceRootModule {}

  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, new FastifyAdapter({ ...definition.httpOptions, bodyLimit: maxBodyBytes, genReqId: requestIdOf }), {
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
