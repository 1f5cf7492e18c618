import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { accountingPermissions as can, accountingV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { AccountsService } from './accounts.service';

type Req<K extends keyof typeof accountingV1> = ParsedRequestOf<(typeof accountingV1)[K]>;

@Controller()
export class AccountsController {
  constructor(@Inject(AccountsService) private readonly accounts: AccountsService) {}

  @Requires(can.accountRead)
  @Handles(accountingV1.accountList)
  async list(request: Req<'accountList'>) {
    return { items: await this.accounts.list(currentActor().tenant, request.include) };
  }

  @Requires(can.accountManage)
  @Handles(accountingV1.accountCreate)
  create(request: Req<'accountCreate'>) {
    return this.accounts.create(currentActor(), request);
  }

  @Requires(can.accountManage)
  @Handles(accountingV1.accountDeactivate)
  deactivate(request: Req<'accountDeactivate'>) {
    return this.accounts.deactivate(currentActor(), request.code);
  }
}
