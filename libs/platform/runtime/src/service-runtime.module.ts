import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown, Optional, type Provider } from '@nestjs/common';
import { type ServiceConfig, serviceDatabaseUrl } from '@ido/platform-config';
import { MessageBus, type NatsTransport } from '@ido/platform-messaging';
import { ObservabilityModule, type ServiceMetrics } from '@ido/platform-observability';
import { Gauge } from 'prom-client';
import { loadMigrations, MaintenanceDatabase, TenantClients } from '@ido/platform-tenancy';
import { ServiceStatusReader } from './service-status';
import { SERVICE_CONFIG } from './tokens';

export interface RuntimeParts {
  metrics: ServiceMetrics;
  transport: NatsTransport;
  /** Where the service's `<timestamp>_<name>/migration.sql` folders are. */
  migrationsDir: string;
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
      ServiceStatusReader,
      // Calls go out on the transport's connection: one NATS connection per service.
      { provide: MessageBus, useValue: new MessageBus(() => parts.transport.unwrap(), config.namespace) },
    ];
    if (config.persistent) {
      const url = serviceDatabaseUrl(config);
      const { roleSecret, perTenant, maxConnections, idleMs } = config.tenancy;
      providers.push(
        // Cross-tenant work only (migrations, provisioning, counts): never inject it into a request path.
        {
          provide: MaintenanceDatabase,
          useFactory: () =>
            new MaintenanceDatabase({ url, databaseName: config.database.name, migrations: loadMigrations(parts.migrationsDir), roleSecret }),
        },
        {
          provide: TenantClients,
          useFactory: () => {
            const tenants = new TenantClients({ url, databaseName: config.database.name, roleSecret, perTenant, maxConnections, idleMs });
            ServiceRuntimeModule.exportTenantPoolMetrics(tenants, parts.metrics, maxConnections);
            return tenants;
          },
        },
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

  /** Pool usage for dashboards: open tenant pools and connections against the cap, and churn. */
  static exportTenantPoolMetrics(tenants: TenantClients, metrics: ServiceMetrics, cap: number): void {
    const registers = [metrics.registry];
    new Gauge({ name: 'ido_tenant_pools_open', help: 'Tenant connection pools open', registers, collect() { this.set(tenants.openPools); } });
    new Gauge({ name: 'ido_tenant_connections_open', help: 'Connections open across tenant pools', registers, collect() { this.set(tenants.openConnections); } });
    new Gauge({ name: 'ido_tenant_connections_max', help: 'Cap on tenant connections in this process', registers, collect() { this.set(cap); } });
    new Gauge({ name: 'ido_tenant_pools_opened', help: 'Tenant pools opened since start (LRU churn)', registers, collect() { this.set(tenants.stats.opened); } });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.tenants?.close();
    await this.maintenance?.close();
  }
}
