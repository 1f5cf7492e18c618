import { Controller, Inject } from '@nestjs/common';
import { Authenticated, currentActor, Requires } from '@ido/identity';
import { identityPermissions as can, identityV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles, Public } from '@ido/platform-messaging';
import { auditActorOf } from '../access/audit-actor';
import { UsersService } from './users.service';

type Req<K extends keyof typeof identityV1> = ParsedRequestOf<(typeof identityV1)[K]>;

/** Users of the caller's tenant: the tenant always comes from the verified token. */
@Controller()
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Requires(can.userCreate)
  @Handles(identityV1.userCreate)
  create(request: Req<'userCreate'>) {
    return this.users.create(currentActor().tenant, request, auditActorOf(currentActor()));
  }

  @Public()
  @Handles(identityV1.userActivate)
  activate(request: Req<'userActivate'>) {
    return this.users.activate(request);
  }

  @Requires(can.userRead)
  @Handles(identityV1.userGet)
  get(request: Req<'userGet'>) {
    return this.users.get(currentActor().tenant, request.id);
  }

  @Requires(can.userRead)
  @Handles(identityV1.userList)
  list(request: Req<'userList'>) {
    return this.users.list(currentActor().tenant, request);
  }

  @Requires(can.userUpdate)
  @Handles(identityV1.userDisable)
  disable(request: Req<'userDisable'>) {
    return this.users.disable(currentActor(), request.id);
  }

  @Requires(can.userUpdate)
  @Handles(identityV1.userEnable)
  enable(request: Req<'userEnable'>) {
    return this.users.enable(currentActor(), request.id);
  }

  @Requires(can.userUpdate)
  @Handles(identityV1.userSetRoles)
  setRoles(request: Req<'userSetRoles'>) {
    return this.users.setRoles(currentActor(), request.id, request.roles);
  }

  @Authenticated()
  @Handles(identityV1.userChangePassword)
  async changePassword(request: Req<'userChangePassword'>) {
    await this.users.changePassword(currentActor(), request);
    return { ok: true as const };
  }
}
