import { Module } from '@nestjs/common';
import { IdentityModule } from '@ido/identity';
import { staffingV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  imports: [IdentityModule.forService()],
  controllers: [statusController(staffingV1.statusGet)],
})
export class StaffingModule {}
