import { Module } from '@nestjs/common';
import { accountingV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  controllers: [statusController(accountingV1.statusGet)],
})
export class AccountingModule {}
