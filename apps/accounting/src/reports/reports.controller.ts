import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { accountingPermissions as can, accountingV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { ReportsService } from './reports.service';

type Req<K extends keyof typeof accountingV1> = ParsedRequestOf<(typeof accountingV1)[K]>;

@Controller()
export class ReportsController {
  constructor(@Inject(ReportsService) private readonly reports: ReportsService) {}

  @Requires(can.reportRead)
  @Handles(accountingV1.trialBalance)
  trialBalance(request: Req<'trialBalance'>) {
    return this.reports.trialBalance(currentActor().tenant, request.asOf);
  }

  @Requires(can.reportRead)
  @Handles(accountingV1.profitAndLoss)
  profitAndLoss(request: Req<'profitAndLoss'>) {
    return this.reports.profitAndLoss(currentActor().tenant, request.from, request.to);
  }

  @Requires(can.reportRead)
  @Handles(accountingV1.balanceSheet)
  balanceSheet(request: Req<'balanceSheet'>) {
    return this.reports.balanceSheet(currentActor().tenant, request.asOf);
  }

  @Requires(can.reportRead)
  @Handles(accountingV1.generalLedger)
  generalLedger(request: Req<'generalLedger'>) {
    return this.reports.generalLedger(currentActor().tenant, request.accountCode, request.from, request.to);
  }
}
