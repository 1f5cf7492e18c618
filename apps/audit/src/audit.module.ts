import { Module } from '@nestjs/common';
import { auditV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  controllers: [statusController(auditV1.statusGet)],
})
export class AuditModule {}
