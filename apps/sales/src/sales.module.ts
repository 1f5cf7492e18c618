import { Module } from '@nestjs/common';
import { IdentityModule } from '@ido/identity';
import { salesV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  imports: [IdentityModule.forService()],
  controllers: [statusController(salesV1.statusGet)],
})
export class SalesModule {}
