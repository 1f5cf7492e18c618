import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { identityPermissions as can, identityV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { ModulesService } from './modules.service';

@Controller()
export class ModulesController {
  constructor(@Inject(ModulesService) private readonly modules: ModulesService) {}

  @Requires(can.moduleRead)
  @Handles(identityV1.moduleList)
  async list() {
    return { items: await this.modules.list(currentActor().tenant) };
  }

  @Requires(can.moduleManage)
  @Handles(identityV1.moduleSet)
  set(request: ParsedRequestOf<typeof identityV1.moduleSet>) {
    return this.modules.set(currentActor(), request.module, request.enabled);
  }
}
