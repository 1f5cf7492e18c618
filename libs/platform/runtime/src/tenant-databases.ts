import { type ServiceConfig, serviceDatabaseUrl } from '@ido/platform-config';
import type { ServiceMetrics } from '@ido/platform-observability';
import { MaintenanceDatabase, type Migration, type TenantClientFactory, TenantClients } from '@ido/platform-tenancy';
import { Gauge } from 'prom-client';

/** The service's cross-tenant connection, as both the running service and its operator commands use it. */
export function maintenanceDatabaseOf(config: ServiceConfig, migrations: Migration[]): MaintenanceDatabase {
  return new MaintenanceDatabase({
    url: serviceDatabaseUrl(config),
    databaseName: config.database.name,
    migrations,
    roleSecret: config.tenancy.roleSecret,
  });
}

/** The request path's tenant connections, with their pool usage exported for dashboards. */
export function tenantClientsOf(config: ServiceConfig, metrics: ServiceMetrics, factory?: TenantClientFactory<unknown>): TenantClients<unknown> {
  const { roleSecret, perTenant, maxConnections, idleMs } = config.tenancy;
  const settings = { url: serviceDatabaseUrl(config), databaseName: config.database.name, roleSecret, perTenant, maxConnections, idleMs };
  const tenants = factory ? new TenantClients(settings, factory) : new TenantClients(settings);
  const registers = [metrics.registry];
  new Gauge({ name: 'ido_tenant_pools_open', help: 'Tenant connection pools open', registers, collect() { this.set(tenants.openPools); } });
  new Gauge({ name: 'ido_tenant_connections_open', help: 'Connections open across tenant pools', registers, collect() { this.set(tenants.openConnections); } });
  new Gauge({ name: 'ido_tenant_connections_max', help: 'Cap on tenant connections in this process', registers, collect() { this.set(maxConnections); } });
  new Gauge({ name: 'ido_tenant_pools_opened', help: 'Tenant pools opened since start (LRU churn)', registers, collect() { this.set(tenants.stats.opened); } });
  return tenants;
}
