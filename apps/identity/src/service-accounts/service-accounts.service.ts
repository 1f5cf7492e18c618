import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ido/identity';
import type { identitySchemas } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { randomBytes } from 'node:crypto';
import { auditActorOf } from '../access/audit-actor';
import { AccessTokens } from '../auth/access-tokens';
import { digestOf, newSecret, sameDigest } from '../auth/opaque-secret';
import { SessionRevocations } from '../auth/session-revocations';
import { SessionsRepository } from '../auth/sessions.repository';
import { RolesRepository } from '../roles/roles.repository';
import { TenantRegistry } from '../tenants/tenant-registry.repository';
import { ServiceAccountsRepository } from './service-accounts.repository';

type ServiceAccount = identitySchemas.ServiceAccount;
const invalidClient = () => new IdoError('UNAUTHENTICATED', 'Invalid tenant, client id or secret');

/** Non-human callers (integrations, other services): client-credentials tokens, no refresh. */
@Injectable()
export class ServiceAccountsService {
  constructor(
    @Inject(ServiceAccountsRepository) private readonly accounts: ServiceAccountsRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(TenantRegistry) private readonly tenants: TenantRegistry,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
  ) {}

  /** The secret is returned once and stored only as a digest. */
  async create(actor: Actor, request: { name: string; roles: string[] }): Promise<{ serviceAccount: ServiceAccount; clientSecret: string }> {
    const tenant = actor.tenant;
    const unknown = await this.roles.unknown(tenant, request.roles);
    if (unknown.length) throw new IdoError('VALIDATION_FAILED', 'Unknown roles', { roles: unknown });
    const clientSecret = newSecret();
    const serviceAccount = await this.accounts.create(tenant, {
      name: request.name,
      clientId: `sa_${randomBytes(12).toString('hex')}`,
      secretHash: digestOf(clientSecret),
      roles: [...new Set(request.roles)],
    }, auditActorOf(actor));
    return { serviceAccount, clientSecret };
  }

  list(tenant: string): Promise<ServiceAccount[]> {
    return this.accounts.list(tenant);
  }

  async disable(actor: Actor, id: string): Promise<ServiceAccount> {
    const tenant = actor.tenant;
    const account = await this.accounts.disable(tenant, id, auditActorOf(actor));
    if (!account) throw new IdoError('NOT_FOUND', 'Service account not found');
    await this.revocations.revoke(tenant, { subjectId: id }, 'service-account-disabled');
    return account;
  }

  async clientToken(request: { tenant: string; clientId: string; clientSecret: string }) {
    if ((await this.tenants.find(request.tenant))?.status !== 'active') throw invalidClient();
    const found = await this.accounts.findByClientId(request.tenant, request.clientId);
    if (!found || found.account.disabledAt || !sameDigest(request.clientSecret, found.secretHash)) throw invalidClient();
    const { account } = found;
    const expiresAt = new Date(Date.now() + this.tokens.ttlSeconds * 1000);
    const sessionId = await this.sessions.open(request.tenant, { subjectId: account.id, kind: 'service', expiresAt });
    const permissions = await this.roles.permissionsOf(request.tenant, account.roles);
    const accessToken = await this.tokens.issue({ kind: 'service', id: account.id, tenant: request.tenant, roles: account.roles, permissions }, sessionId);
    return { accessToken, tokenType: 'Bearer' as const, expiresIn: this.tokens.ttlSeconds };
  }
}
