import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { accountingPermissions as can, accountingV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { PeriodsService } from './periods.service';

@Controller()
export class PeriodsController {
  constructor(@Inject(PeriodsService) private readonly periods: PeriodsService) {}

  @Requires(can.journalEntryRead)
  @Handles(accountingV1.periodList)
  async list() {
    return { items: await this.periods.list(currentActor().tenant) };
  }

  @Requires(can.periodClose)
  @Handles(accountingV1.periodClose)
  close(request: ParsedRequestOf<typeof accountingV1.periodClose>) {
    return this.periods.close(currentActor(), request.period);
  }

  @Requires(can.periodReopen)
  @Handles(accountingV1.periodReopen)
  reopen(request: ParsedRequestOf<typeof accountingV1.periodReopen>) {
    return this.periods.reopen(currentActor(), request.period);
  }
}
