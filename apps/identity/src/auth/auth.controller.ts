import { Controller, Inject } from '@nestjs/common';
import { Authenticated, currentActor } from '@ido/identity';
import { identityV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles, IdoError, Public } from '@ido/platform-messaging';
import { requestContext } from '@ido/platform-observability';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

@Controller()
export class AuthController {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  @Public()
  @Handles(identityV1.authLogin)
  login(request: ParsedRequestOf<typeof identityV1.authLogin>) {
    return this.auth.login(request, requestContext.current()?.clientIp);
  }

  @Public()
  @Handles(identityV1.authRefresh)
  refresh(request: ParsedRequestOf<typeof identityV1.authRefresh>) {
    return this.auth.refresh(request.refreshToken);
  }

  @Authenticated()
  @Handles(identityV1.authLogout)
  async logout() {
    await this.auth.logout(currentActor());
    return { ok: true as const };
  }

  @Authenticated()
  @Handles(identityV1.authMe)
  async me() {
    const actor = currentActor();
    if (actor.kind !== 'user') throw new IdoError('FORBIDDEN', 'Service accounts have no user profile');
    return { user: await this.users.get(actor.tenant, actor.id), tenant: actor.tenant, permissions: [...actor.permissions].sort() };
  }
}
