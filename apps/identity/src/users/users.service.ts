import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ido/identity';
import { IdoError } from '@ido/platform-messaging';
import type { AuditActor } from '@ido/audit';
import { auditActorOf } from '../access/audit-actor';
import { SERVICE_SETTINGS } from '@ido/platform-runtime';
import { digestOf, tenantOfSecret, tenantScopedSecret } from '../auth/opaque-secret';
import { SessionRevocations } from '../auth/session-revocations';
import type { IdentitySettings } from '../identity.settings';
import { PasswordHasher } from '../passwords/password-hasher';
import { passwordProblems } from '../passwords/password-policy';
import { RolesRepository } from '../roles/roles.repository';
import { isUniqueViolation } from '@ido/platform-tenancy';
import { type UserView, UsersRepository } from './users.repository';

export interface NewUserRequest {
  email: string;
  displayName: string;
  roles: string[];
  password?: string;
}



function found(user: UserView | undefined): UserView {
  if (!user) throw new IdoError('NOT_FOUND', 'User not found');
  return user;
}

/** A tenant's users: invitation, activation, roles, disabling, passwords. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
    @Inject(SERVICE_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  /** With a password the user is active at once; without, an invitation secret is returned (once). */
  async create(tenant: string, request: NewUserRequest, by: AuditActor): Promise<{ user: UserView; invitationToken: string | null }> {
    await this.assertRolesExist(tenant, request.roles);
    if (request.password) assertAcceptablePassword(request.password, request.email);
    const invitationToken = request.password ? null : tenantScopedSecret(tenant);
    try {
      const user = await this.users.create(tenant, {
        email: request.email,
        displayName: request.displayName,
        roles: [...new Set(request.roles)],
        passwordHash: request.password ? await this.hasher.hash(request.password) : undefined,
        invitation: invitationToken ? { hash: digestOf(invitationToken), expiresAt: new Date(Date.now() + this.settings.invitationTtlSeconds * 1000) } : undefined,
      }, by);
      return { user, invitationToken };
    } catch (error) {
      if (isUniqueViolation(error)) throw new IdoError('CONFLICT', 'A user with this email already exists');
      throw error;
    }
  }

  async activate(request: { tenant: string; invitationToken: string; password: string }): Promise<UserView> {
    if (tenantOfSecret(request.invitationToken) !== request.tenant) throw invalidInvitation();
    assertAcceptablePassword(request.password);
    const user = await this.users.activate(request.tenant, digestOf(request.invitationToken), await this.hasher.hash(request.password));
    if (!user) throw invalidInvitation();
    return user;
  }

  async get(tenant: string, id: string): Promise<UserView> {
    return found(await this.users.find(tenant, id));
  }

  list(tenant: string, query: Parameters<UsersRepository['page']>[1]) {
    return this.users.page(tenant, query);
  }

  /** A disabled user's sessions end now, access tokens included. */
  async disable(actor: Actor, id: string): Promise<UserView> {
    if (actor.kind === 'user' && actor.id === id) throw new IdoError('PRECONDITION_FAILED', 'You cannot disable yourself');
    const user = found(await this.users.update(actor.tenant, id, { status: 'disabled' }, { by: auditActorOf(actor), verb: 'disable' }));
    await this.revocations.revoke(actor.tenant, { subjectId: id }, 'user-disabled');
    return user;
  }

  async enable(actor: Actor, id: string): Promise<UserView> {
    const current = await this.get(actor.tenant, id);
    if (current.status !== 'disabled') return current;
    const hash = await this.users.passwordHashOf(actor.tenant, id);
    return found(await this.users.update(actor.tenant, id, { status: hash ? 'active' : 'invited' }, { by: auditActorOf(actor), verb: 'enable' }));
  }

  /** Takes effect at the user's next token refresh (at most one access-token lifetime). */
  async setRoles(actor: Actor, id: string, roles: string[]): Promise<UserView> {
    await this.assertRolesExist(actor.tenant, roles);
    return found(await this.users.setRoles(actor.tenant, id, [...new Set(roles)], auditActorOf(actor)));
  }

  /** Every other session of the user ends: a changed password locks out whoever knew the old one. */
  async changePassword(actor: Actor, request: { currentPassword: string; newPassword: string }): Promise<void> {
    if (actor.kind !== 'user') throw new IdoError('FORBIDDEN', 'Service accounts have no password');
    const user = await this.get(actor.tenant, actor.id);
    const hash = await this.users.passwordHashOf(actor.tenant, actor.id);
    if (!(await this.hasher.verify(hash, request.currentPassword))) throw new IdoError('UNAUTHENTICATED', 'Current password is wrong');
    assertAcceptablePassword(request.newPassword, user.email);
    await this.users.update(actor.tenant, actor.id, { passwordHash: await this.hasher.hash(request.newPassword) }, { by: auditActorOf(actor), verb: 'change-password' });
    await this.revocations.revoke(actor.tenant, { subjectId: actor.id, exceptId: actor.sessionId }, 'password-changed');
  }

  private async assertRolesExist(tenant: string, roles: readonly string[]): Promise<void> {
    const unknown = await this.roles.unknown(tenant, roles);
    if (unknown.length) throw new IdoError('VALIDATION_FAILED', 'Unknown roles', { roles: unknown });
  }
}

function invalidInvitation(): IdoError {
  return new IdoError('NOT_FOUND', 'Invitation is not valid or has expired');
}

export function assertAcceptablePassword(password: string, email?: string): void {
  const problems = passwordProblems(password, { email });
  if (problems.length) throw new IdoError('VALIDATION_FAILED', `Password ${problems.join('; ')}`, { password: problems });
}
