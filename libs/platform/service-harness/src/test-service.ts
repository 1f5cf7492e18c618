import { loadServiceConfig, type ServiceConfig } from '@ido/platform-config';
import { createServiceApp, type ServiceDefinition } from '@ido/platform-runtime';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { NatsConnection } from 'nats';
import { connectTestNats, dropNamespaceStreams, dropTestDatabase, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';

export interface TestService {
  app: NestFastifyApplication;
  config: ServiceConfig;
  /** Base URL of its HTTP listener (health, metrics). */
  url: string;
  /** A separate client connection for sending requests to it. */
  nats: NatsConnection;
  /** `<namespace>.<subject>`: what a caller sends to. */
  subject(relative: string): string;
  stop(): Promise<void>;
}

/**
 * Runs a service's real Nest module in-process on the real Postgres and NATS,
 * in a fresh namespace (own databases, own subjects); stop() removes its database.
 */
export interface TestServiceOptions {
  /** Share a namespace to make several services (or replicas) talk to each other. */
  namespace?: string;
  env?: Record<string, string>;
}

export async function startTestService(definition: ServiceDefinition, options: TestServiceOptions = {}): Promise<TestService> {
  const namespace = options.namespace ?? newTestNamespace();
  const { databaseUrl, natsUrl } = infrastructureUrls();
  const config = loadServiceConfig(definition.name, {
    DATABASE_URL: databaseUrl,
    NATS_URL: natsUrl,
    IDO_NAMESPACE: namespace,
    HTTP_HOST: '127.0.0.1',
    HTTP_PORT: '0',
    LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'warn',
    SHUTDOWN_GRACE_MS: '3000',
    ...options.env,
  });
  const app = await createServiceApp(definition, config);
  await app.listen(0, '127.0.0.1');
  const nats = await connectTestNats();
  return {
    app,
    config,
    url: await app.getUrl(),
    nats,
    subject: (relative) => `${namespace}.${relative}`,
    stop: async () => {
      await app.close();
      await nats.close();
      if (config.persistent) await dropTestDatabase(config.database.name);
      // A namespace passed in is shared: its streams are its owner's to drop (dropNamespaceStreams).
      if (!options.namespace) await dropNamespaceStreams(namespace).catch(() => undefined);
    },
  };
}
