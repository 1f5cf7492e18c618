import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { identityPermissions as can, identityV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { RolesService } from './roles.service';

type Req<K extends keyof typeof identityV1> = ParsedRequestOf<(typeof identityV1)[K]>;

@Controller()
export class RolesController {
  constructor(@Inject(RolesService) private readonly roles: RolesService) {}

  @Requires(can.roleRead)
  @Handles(identityV1.permissionList)
  permissions() {
    return { items: this.roles.permissionsOf(currentActor().tenant) };
  }

  @Requires(can.roleRead)
  @Handles(identityV1.roleList)
  async list() {
    return { items: await this.roles.list(currentActor().tenant) };
  }

  @Requires(can.roleManage)
  @Handles(identityV1.roleCreate)
  create(request: Req<'roleCreate'>) {
    return this.roles.create(currentActor(), request);
  }

  @Requires(can.roleManage)
  @Handles(identityV1.roleUpdate)
  update({ name, ...change }: Req<'roleUpdate'>) {
    return this.roles.update(currentActor(), name, change);
  }

  @Requires(can.roleManage)
  @Handles(identityV1.roleDelete)
  async delete(request: Req<'roleDelete'>) {
    await this.roles.delete(currentActor(), request.name);
    return { ok: true as const };
  }
}
