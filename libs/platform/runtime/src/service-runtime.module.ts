import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown, Optional, type Provider } from '@nestjs/common';
import type { ServiceConfig } from '@ido/platform-config';
import { MessageBus, NatsTransport } from '@ido/platform-messaging';
import { ObservabilityModule, type ServiceMetrics } from '@ido/platform-observability';
import { MaintenanceDatabase, type Migration, type TenantClientFactory, TenantClients } from '@ido/platform-tenancy';
import { maintenanceDatabaseOf, tenantClientsOf } from './tenant-databases';
import { ServiceStatusReader } from './service-status';
import { SERVICE_CONFIG, SERVICE_SETTINGS } from './tokens';

export interface RuntimeParts {
  metrics: ServiceMetrics;
  transport: NatsTransport;
  /** Every migration of a tenant schema, in order (see migrationsOf). */
  migrations: Migration[];
  /** The service's own settings (see ServiceDefinition.settings). */
  settings: unknown;
  tenantClient?: TenantClientFactory<unknown>;
}

/** Everything a service gets before its own modules: config, logs, metrics, health, database, bus. */
@Global()
@Module({})
export class ServiceRuntimeModule implements OnApplicationShutdown {
  constructor(
    @Optional() @Inject(MaintenanceDatabase) private readonly maintenance?: MaintenanceDatabase,
    @Optional() @Inject(TenantClients) private readonly tenants?: TenantClients,
  ) {}

  static forRoot(config: ServiceConfig, parts: RuntimeParts): DynamicModule {
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: SERVICE_SETTINGS, useValue: parts.settings },
      // For plumbing that wraps every handler (the identity guard), not for sending.
      { provide: NatsTransport, useValue: parts.transport },
      ServiceStatusReader,
      // Calls go out on the transport's connection: one NATS connection per service.
      { provide: MessageBus, useValue: new MessageBus(() => parts.transport.unwrap(), config.namespace) },
    ];
    if (config.persistent) {
      providers.push(
        // Cross-tenant work only (migrations, provisioning, counts): never inject it into a request path.
        { provide: MaintenanceDatabase, useFactory: () => maintenanceDatabaseOf(config, parts.migrations) },
        { provide: TenantClients, useFactory: () => tenantClientsOf(config, parts.metrics, parts.tenantClient) },
      );
    }
    return {
      module: ServiceRuntimeModule,
      imports: [
        ObservabilityModule.forService({ service: config.service, release: config.release, level: config.logLevel }, parts.metrics),
      ],
      providers,
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tenants?.close();
    await this.maintenance?.close();
  }
}
