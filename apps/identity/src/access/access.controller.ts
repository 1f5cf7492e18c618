import { Controller, Inject } from '@nestjs/common';
import { identityV1 } from '@ido/internal-api';
import { Handles, Public } from '@ido/platform-messaging';
import { SessionRevocations } from '../auth/session-revocations';
import { TenantRegistry } from '../tenants/tenant-registry.repository';

/**
 * What every verifier loads at start and on resync. No gateway route leads here:
 * it is for services on the internal bus (whose access NATS itself controls),
 * and it must answer before any of them can verify a token.
 */
@Controller()
export class AccessController {
  constructor(
    @Inject(TenantRegistry) private readonly tenants: TenantRegistry,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
  ) {}

  @Public()
  @Handles(identityV1.accessSnapshot)
  async snapshot() {
    const [tenants, revokedSessions] = await Promise.all([this.tenants.all(), this.revocations.live()]);
    return { tenants: tenants.map(({ id, status, modules }) => ({ id, status, modules })), revokedSessions };
  }
}
