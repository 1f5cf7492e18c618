import { Module } from '@nestjs/common';
import { IdentityModule } from '@ido/identity';
import { accountingV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  imports: [IdentityModule.forService()],
  controllers: [statusController(accountingV1.statusGet)],
})
export class AccountingModule {}
