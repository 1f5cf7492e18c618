import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { identityPermissions as can, identityV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles, Public } from '@ido/platform-messaging';
import { ServiceAccountsService } from './service-accounts.service';

type Req<K extends keyof typeof identityV1> = ParsedRequestOf<(typeof identityV1)[K]>;

@Controller()
export class ServiceAccountsController {
  constructor(@Inject(ServiceAccountsService) private readonly accounts: ServiceAccountsService) {}

  @Public()
  @Handles(identityV1.authClientToken)
  token(request: Req<'authClientToken'>) {
    return this.accounts.clientToken(request);
  }

  @Requires(can.serviceAccountManage)
  @Handles(identityV1.serviceAccountCreate)
  create(request: Req<'serviceAccountCreate'>) {
    return this.accounts.create(currentActor(), request);
  }

  @Requires(can.serviceAccountManage)
  @Handles(identityV1.serviceAccountList)
  async list() {
    return { items: await this.accounts.list(currentActor().tenant) };
  }

  @Requires(can.serviceAccountManage)
  @Handles(identityV1.serviceAccountDisable)
  disable(request: Req<'serviceAccountDisable'>) {
    return this.accounts.disable(currentActor(), request.id);
  }
}
