import { type BeforeApplicationShutdown, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@ido/platform-config';
import { NatsTransport } from '@ido/platform-messaging';
import { ServiceMetrics } from '@ido/platform-observability';
import { SERVICE_CONFIG, SERVICE_SETTINGS } from '@ido/platform-runtime';
import { MaintenanceDatabase } from '@ido/platform-tenancy';
import type { NatsConnection } from 'nats';
import { AuditArchive } from '../archive/month-archive';
import type { AuditSettings } from '../audit.settings';
import { AuditStore } from '../store/audit-store';
import { AuditConsumer } from './audit-consumer';
import { AuditLedger } from './audit-ledger';

/** How often the maintenance job checks that the coming months' partitions exist and archives the old ones. */
const maintenanceMs = 6 * 3_600_000;

/** The log's schema before anything reads it; the consumer once the bus is up; partitions ahead and retention all along. */
@Injectable()
class IngestLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly log = new Logger('AuditMaintenance');
  private maintenanceJob?: NodeJS.Timeout;
  private maintaining: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(AuditStore) private readonly store: AuditStore,
    @Inject(AuditConsumer) private readonly consumer: AuditConsumer,
    @Inject(AuditArchive) private readonly archive: AuditArchive,
  ) {}

  onModuleInit(): Promise<void> {
    return this.store.prepare();
  }

  async onApplicationBootstrap(): Promise<void> {
    this.maintenanceJob = setInterval(() => this.maintain(), maintenanceMs).unref();
    await this.consumer.start();
    // Also at start, in the background: a service restarted more often than every 6 h still archives.
    this.maintain();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.maintenanceJob);
    await this.consumer.stop();
    await this.maintaining;
  }

  /** A failed run is retried by the next one: both steps are idempotent. */
  private maintain(): void {
    this.maintaining = this.store
      .ensurePartitionsAhead()
      .then(() => this.archive.archiveDue())
      .catch((error: Error) => this.log.error(`audit maintenance failed (retried in 6 h): ${error.message}`));
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
    {
      provide: AuditArchive,
      inject: [MaintenanceDatabase, SERVICE_SETTINGS],
      useFactory: (database: MaintenanceDatabase, settings: AuditSettings) => new AuditArchive(database, settings),
    },
    IngestLifecycle,
  ],
  exports: [AuditStore, AuditLedger, AuditConsumer, AuditArchive],
})
export class IngestModule {}
