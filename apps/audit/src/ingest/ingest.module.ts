import { type BeforeApplicationShutdown, Inject, Injectable, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@ido/platform-config';
import { NatsTransport } from '@ido/platform-messaging';
import { ServiceMetrics } from '@ido/platform-observability';
import { SERVICE_CONFIG } from '@ido/platform-runtime';
import { MaintenanceDatabase } from '@ido/platform-tenancy';
import type { NatsConnection } from 'nats';
import { AuditStore } from '../store/audit-store';
import { AuditConsumer } from './audit-consumer';
import { AuditLedger } from './audit-ledger';

/** How often the maintenance job checks that the coming months' partitions exist. */
const partitionCheckMs = 6 * 3_600_000;

/** The log's schema before anything reads it; the consumer once the bus is up; partitions ahead all along. */
@Injectable()
class IngestLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private partitionJob?: NodeJS.Timeout;

  constructor(
    @Inject(AuditStore) private readonly store: AuditStore,
    @Inject(AuditConsumer) private readonly consumer: AuditConsumer,
  ) {}

  onModuleInit(): Promise<void> {
    return this.store.prepare();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.partitionJob = setInterval(() => void this.store.ensurePartitionsAhead().catch(() => undefined), partitionCheckMs).unref();
    await this.consumer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.partitionJob);
    await this.consumer.stop();
  }
}

@Module({
  providers: [
    {
      provide: AuditStore,
      inject: [MaintenanceDatabase, SERVICE_CONFIG],
      useFactory: (database: MaintenanceDatabase, config: ServiceConfig) => new AuditStore(database, config.database.name),
    },
    { provide: AuditLedger, inject: [MaintenanceDatabase, AuditStore], useFactory: (database: MaintenanceDatabase, store: AuditStore) => new AuditLedger(database, store) },
    {
      provide: AuditConsumer,
      inject: [AuditLedger, NatsTransport, ServiceMetrics, SERVICE_CONFIG],
      useFactory: (ledger: AuditLedger, transport: NatsTransport, metrics: ServiceMetrics, config: ServiceConfig) =>
        new AuditConsumer(ledger, () => transport.unwrap<NatsConnection>(), { namespace: config.namespace }, metrics.registry),
    },
    IngestLifecycle,
  ],
  exports: [AuditStore, AuditLedger, AuditConsumer],
})
export class IngestModule {}
