import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { accountingPermissions as can, accountingV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { LedgerService } from './ledger.service';

type Req<K extends keyof typeof accountingV1> = ParsedRequestOf<(typeof accountingV1)[K]>;

@Controller()
export class LedgerController {
  constructor(@Inject(LedgerService) private readonly ledger: LedgerService) {}

  @Requires(can.journalEntryPost)
  @Handles(accountingV1.journalEntryRecord)
  record(request: Req<'journalEntryRecord'>) {
    return this.ledger.record(currentActor(), request);
  }

  @Requires(can.journalEntryCreate)
  @Handles(accountingV1.journalEntryDraft)
  draft(request: Req<'journalEntryDraft'>) {
    return this.ledger.draft(currentActor(), request);
  }

  @Requires(can.journalEntryPost)
  @Handles(accountingV1.journalEntryPost)
  post(request: Req<'journalEntryPost'>) {
    return this.ledger.post(currentActor(), request.id);
  }

  @Requires(can.journalEntryPost)
  @Handles(accountingV1.journalEntryReverse)
  reverse(request: Req<'journalEntryReverse'>) {
    return this.ledger.reverse(currentActor(), request);
  }

  @Requires(can.journalEntryRead)
  @Handles(accountingV1.journalEntryGet)
  get(request: Req<'journalEntryGet'>) {
    return this.ledger.get(currentActor().tenant, request.id);
  }
}
