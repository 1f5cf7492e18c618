import { IdoError } from '@ido/platform-messaging';
import type { AccessRule } from './access-rules';
import type { AccessState } from './access-state';
import type { Actor } from './access-token';
import type { TenantModuleFlagProvider } from './module-flags';
import { forbidden, unauthenticated } from './refusals';
import type { TokenVerifier } from './token-verifier';

export interface AccessRequest {
  /** The raw `authorization` header: `Bearer <token>`. */
  authorization?: string;
  /** The `ido-tenant` header: never trusted, only compared with the token's tenant. */
  tenantHeader?: string;
  rule: AccessRule;
  /** The business module being called; its flag must be on for the tenant. */
  module?: string;
}

const bearer = /^Bearer +(\S+)$/i;

/**
 * The one access decision, for service handlers and the gateway edge alike:
 * a valid token, of a known active tenant, from a live session, for the tenant
 * the request names, to an enabled module, with the permission the rule asks for.
 */
export class AccessPolicy {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly state: AccessState,
    private readonly flags: TenantModuleFlagProvider,
  ) {}

  /** The actor, or undefined for a public rule; throws IdoError UNAUTHENTICATED, FORBIDDEN or UNAVAILABLE. */
  async authorize({ authorization, tenantHeader, rule, module }: AccessRequest): Promise<Actor | undefined> {
    if (rule.kind === 'public') return undefined;
    const { actor } = await this.verifier.verify(tokenOf(authorization));
    await this.checkStillValid(actor);
    if (tenantHeader !== undefined && tenantHeader !== actor.tenant) {
      throw forbidden('Token tenant does not match the request tenant', { reason: 'tenant-mismatch' });
    }
    if (module !== undefined && !this.flags.moduleEnabled(actor.tenant, module)) {
      throw forbidden('Module is disabled for this tenant', { reason: 'MODULE_DISABLED', module });
    }
    if (rule.kind === 'permission' && !actor.permissions.has(rule.permission)) {
      throw forbidden('Missing permission', { reason: 'missing-permission', permission: rule.permission });
    }
    return actor;
  }

  private async checkStillValid(actor: Actor): Promise<void> {
    // A tenant created after the last snapshot is learnt by one (rate-limited) reload.
    if (!this.state.knows(actor.tenant)) await this.state.reloadOnDemand();
    if (!this.state.loaded) throw new IdoError('UNAVAILABLE', 'Access state not loaded yet (identity unreachable)');
    if (!this.state.knows(actor.tenant)) throw unauthenticated('unknown-tenant');
    if (this.state.isSuspended(actor.tenant)) throw unauthenticated('tenant-suspended');
    if (this.state.isRevoked(actor.sessionId)) throw unauthenticated('session-revoked');
  }
}

function tokenOf(authorization: string | undefined): string {
  if (!authorization) throw unauthenticated('missing-token');
  const token = bearer.exec(authorization)?.[1];
  if (!token) throw unauthenticated('malformed');
  return token;
}
