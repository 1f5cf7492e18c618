import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { ServiceConfig, ServiceName } from '@ido/platform-config';
import { natsHealthCheck, NatsTransport, TransportAwareExceptionFilter } from '@ido/platform-messaging';
import { HealthRegistry, instrumentHttp, requestIdOf, ServiceMetrics } from '@ido/platform-observability';
import { ensureServiceDatabase, ServiceDatabase } from '@ido/platform-tenancy';
import { Logger } from 'nestjs-pino';
import { ServiceRuntimeModule } from './service-runtime.module';

export interface ServiceDefinition {
  name: ServiceName;
  /** The service's own root module (its bounded contexts). */
  module: Type | DynamicModule;
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

  @Module({ imports: [ServiceRuntimeModule.forRoot(config, { metrics, transport }), definition.module] })
  class ServiceRootModule {}

  const app = await NestFactory.create<NestFastifyApplication>(ServiceRootModule, new FastifyAdapter({ bodyLimit: maxBodyBytes, genReqId: requestIdOf }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  instrumentHttp(app.getHttpAdapter().getInstance(), metrics);
  app.useGlobalFilters(new TransportAwareExceptionFilter(app.getHttpAdapter()));
  app.connectMicroservice({ strategy: transport }, { inheritAppConfig: true });

  const health = app.get(HealthRegistry);
  health.register(natsHealthCheck(() => transport.unwrap()));
  if (config.persistent) health.register(app.get(ServiceDatabase).healthCheck());

  await app.startAllMicroservices();
  return app;
}
