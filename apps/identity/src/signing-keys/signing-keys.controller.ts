import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { identityPermissions as can, identityV1 } from '@ido/internal-api';
import { Handles, Public } from '@ido/platform-messaging';
import { auditActorOf } from '../access/audit-actor';
import { SigningKeys } from './signing-keys.service';

@Controller()
export class SigningKeysController {
  constructor(@Inject(SigningKeys) private readonly keys: SigningKeys) {}

  @Public()
  @Handles(identityV1.jwksGet)
  async jwks() {
    return { keys: await this.keys.jwks() };
  }

  @Requires(can.signingKeyRotate)
  @Handles(identityV1.signingKeyRotate)
  async rotate() {
    return { kid: await this.keys.rotate(auditActorOf(currentActor())) };
  }
}
