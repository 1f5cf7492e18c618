import { Module } from '@nestjs/common';
import { identityV1 } from '@ido/internal-api';
import { statusController } from '@ido/platform-runtime';

@Module({
  controllers: [statusController(identityV1.statusGet)],
})
export class IdentityModule {}
