import { Module } from '@nestjs/common';
import { IdentityModule } from '@ido/identity';
import { complaintsV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  imports: [IdentityModule.forService()],
  controllers: [statusController(complaintsV1.statusGet)],
})
export class ComplaintsModule {}
