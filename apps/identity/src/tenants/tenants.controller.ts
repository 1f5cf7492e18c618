import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { identityPermissions as can, identityV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { auditActorOf } from '../access/audit-actor';
import { TenantsService } from './tenants.service';

type Req<K extends keyof typeof identityV1> = ParsedRequestOf<(typeof identityV1)[K]>;

/** Platform operators only: the permissions exist only in the platform tenant's roles. */
@Controller()
export class TenantsController {
  constructor(@Inject(TenantsService) private readonly tenants: TenantsService) {}

  @Requires(can.tenantCreate)
  @Handles(identityV1.tenantCreate)
  create(request: Req<'tenantCreate'>) {
    return this.tenants.create(request, auditActorOf(currentActor()));
  }

  @Requires(can.tenantRead)
  @Handles(identityV1.tenantGet)
  get(request: Req<'tenantGet'>) {
    return this.tenants.get(request.id);
  }

  @Requires(can.tenantRead)
  @Handles(identityV1.tenantList)
  list(request: Req<'tenantList'>) {
    return this.tenants.list(request);
  }

  @Requires(can.tenantSuspend)
  @Handles(identityV1.tenantSuspend)
  suspend(request: Req<'tenantSuspend'>) {
    return this.tenants.setStatus(request.id, 'suspended', auditActorOf(currentActor()));
  }

  @Requires(can.tenantSuspend)
  @Handles(identityV1.tenantResume)
  resume(request: Req<'tenantResume'>) {
    return this.tenants.setStatus(request.id, 'active', auditActorOf(currentActor()));
  }
}
