import { Module } from '@nestjs/common';
import { staffingV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  controllers: [statusController(staffingV1.statusGet)],
})
export class StaffingModule {}
