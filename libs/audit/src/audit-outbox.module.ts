import { type BeforeApplicationShutdown, type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { ServiceConfig } from '@ido/platform-config';
import { NatsTransport } from '@ido/platform-messaging';
import { ServiceMetrics } from '@ido/platform-observability';
import { SERVICE_CONFIG } from '@ido/platform-runtime';
import { MaintenanceDatabase } from '@ido/platform-tenancy';
import type { NatsConnection } from 'nats';
import { AuditLog } from './audit-log';
import { DomainEvents } from './domain-events';
import { OutboxRelay, type OutboxRelaySettings } from './outbox-relay';

/** Runs the relay for the life of the service: after the bus is up, stopped before the database closes. */
@Injectable()
class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(@Inject(OutboxRelay) private readonly relay: OutboxRelay) {}

  onApplicationBootstrap(): Promise<void> {
    return this.relay.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.relay.stop();
  }
}

export type AuditOutboxOptions = Omit<OutboxRelaySettings, 'namespace'>;

/**
 * What a persisting service imports to audit and publish transactionally:
 * `AuditLog` (`audit.record(tx, change)`), `DomainEvents` (`events.publish(tx, event, payload)`)
 * and the relay that moves its tenants' outbox rows to JetStream. The outbox table
 * comes with `platformMigrations: [outboxMigration]` in the service definition.
 */
@Global()
@Module({})
export class AuditOutboxModule {
  static forService(options: AuditOutboxOptions = {}): DynamicModule {
    return {
      module: AuditOutboxModule,
      providers: [
        { provide: AuditLog, inject: [SERVICE_CONFIG], useFactory: (config: ServiceConfig) => new AuditLog(config.service) },
        DomainEvents,
        {
          provide: OutboxRelay,
          inject: [MaintenanceDatabase, NatsTransport, ServiceMetrics, SERVICE_CONFIG],
          useFactory: (database: MaintenanceDatabase, transport: NatsTransport, metrics: ServiceMetrics, config: ServiceConfig) =>
            new OutboxRelay(database, () => transport.unwrap<NatsConnection>(), { ...options, namespace: config.namespace }, metrics.registry),
        },
        OutboxRelayLifecycle,
      ],
      exports: [AuditLog, DomainEvents, OutboxRelay],
    };
  }
}
