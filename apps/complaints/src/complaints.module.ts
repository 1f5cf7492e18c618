import { Module } from '@nestjs/common';
import { complaintsV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  controllers: [statusController(complaintsV1.statusGet)],
})
export class ComplaintsModule {}
