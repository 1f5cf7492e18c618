import { Module } from '@nestjs/common';
import { IdentityModule } from '@ido/identity';
import { auditV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  imports: [IdentityModule.forService()],
  controllers: [statusController(auditV1.statusGet)],
})
export class AuditModule {}
