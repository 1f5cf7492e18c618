import { Module } from '@nestjs/common';
import { salesV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  controllers: [statusController(salesV1.statusGet)],
})
export class SalesModule {}
