import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { auditPermissions as can, auditV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { ChainService } from './chain.service';

@Controller()
export class ChainController {
  constructor(@Inject(ChainService) private readonly chain: ChainService) {}

  @Requires(can.eventRead)
  @Handles(auditV1.chainVerify)
  verify(request: ParsedRequestOf<typeof auditV1.chainVerify>) {
    return this.chain.verify(currentActor().tenant, request);
  }
}
