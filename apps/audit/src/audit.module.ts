import { Module } from '@nestjs/common';
import { IdentityModule } from '@ido/identity';
import { auditV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';
import { ChainController } from './chain/chain.controller';
import { ChainRepository } from './chain/chain.repository';
import { ChainService } from './chain/chain.service';
import { EventsController } from './events/events.controller';
import { EventsRepository } from './events/events.repository';
import { EventsService } from './events/events.service';
import { IngestModule } from './ingest/ingest.module';

@Module({
  imports: [IdentityModule.forService({ keepsPlatformData: true }), IngestModule],
  controllers: [statusController(auditV1.statusGet), EventsController, ChainController],
  providers: [EventsRepository, EventsService, ChainRepository, ChainService],
})
export class AuditModule {}
