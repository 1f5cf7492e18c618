import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Actor } from '@ido/identity';
import { IdoError } from '@ido/platform-messaging';
import { SERVICE_SETTINGS } from '@ido/platform-runtime';
import type { IdentitySettings } from '../identity.settings';
import { PasswordHasher } from '../passwords/password-hasher';
import { RolesRepository } from '../roles/roles.repository';
import { TenantRegistry } from '../tenants/tenant-registry.repository';
import { normalizeEmail, type UserView, UsersRepository } from '../users/users.repository';
import { AccessTokens } from './access-tokens';
import { LoginThrottleRepository } from './login-throttle.repository';
import { secondsLocked } from './login-lockout';
import { digestOf, tenantOfSecret, tenantScopedSecret } from './opaque-secret';
import { SessionRevocations } from './session-revocations';
import { SessionsRepository } from './sessions.repository';

/** One answer for every failed sign-in: the caller learns nothing about which part was wrong. */
const invalidCredentials = () => new IdoError('UNAUTHENTICATED', 'Invalid tenant, email or password');
const invalidRefreshToken = () => new IdoError('UNAUTHENTICATED', 'Refresh token is not valid');

export interface TokenPair {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
}

/** Sign-in, refresh-token rotation with reuse detection, sign-out. */
@Injectable()
export class AuthService {
  private readonly log = new Logger('Auth');

  constructor(
    @Inject(TenantRegistry) private readonly tenants: TenantRegistry,
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(SessionsRepository) private readonly sessions: SessionsRepository,
    @Inject(SessionRevocations) private readonly revocations: SessionRevocations,
    @Inject(LoginThrottleRepository) private readonly throttle: LoginThrottleRepository,
    @Inject(PasswordHasher) private readonly hasher: PasswordHasher,
    @Inject(AccessTokens) private readonly tokens: AccessTokens,
    @Inject(SERVICE_SETTINGS) private readonly settings: IdentitySettings,
  ) {}

  async login(request: { tenant: string; email: string; password: string }, clientIp: string | undefined): Promise<TokenPair> {
    if ((await this.tenants.find(request.tenant))?.status !== 'active') {
      await this.hasher.verify(null, request.password);
      throw invalidCredentials();
    }
    const accountKey = `account:${normalizeEmail(request.email)}`;
    const keys = clientIp ? [accountKey, `source:${clientIp}`] : [accountKey];
    await this.refuseWhileLocked(request.tenant, keys);

    const found = await this.users.findCredentials(request.tenant, request.email);
    const usable = found?.user.status === 'active' ? found.passwordHash : null;
    if (!(await this.hasher.verify(usable, request.password))) {
      await this.recordFailure(request.tenant, keys);
      throw invalidCredentials();
    }
    const user = (found as { user: UserView }).user;
    await this.throttle.clear(request.tenant, accountKey);
    await this.users.recordLogin(request.tenant, user.id);
    return this.openSession(request.tenant, user);
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const tenant = tenantOfSecret(refreshToken);
    if (!tenant || (await this.tenants.find(tenant))?.status !== 'active') throw invalidRefreshToken();
    const outcome = await this.sessions.spend(tenant, digestOf(refreshToken));
    if (outcome.kind === 'reused') {
      this.log.warn(`refresh token reused in tenant ${tenant}, session ${outcome.sessionId}: revoking the whole family`);
      await this.revocations.revoke(tenant, { ids: [outcome.sessionId] }, 'refresh-token-reuse');
      throw invalidRefreshToken();
    }
    if (outcome.kind === 'invalid') throw invalidRefreshToken();
    const user = await this.users.find(tenant, outcome.subjectId);
    if (user?.status !== 'active') {
      await this.revocations.revoke(tenant, { ids: [outcome.sessionId] }, 'user-not-active');
      throw invalidRefreshToken();
    }
    return this.issuePair(tenant, user, outcome.sessionId, outcome.sessionExpiresAt);
  }

  async logout(actor: Actor): Promise<void> {
    await this.revocations.revoke(actor.tenant, { ids: [actor.sessionId] }, 'logout');
  }

  private async openSession(tenant: string, user: UserView): Promise<TokenPair> {
    const expiresAt = new Date(Date.now() + this.settings.refreshTokenTtlSeconds * 1000);
    const sessionId = await this.sessions.open(tenant, { subjectId: user.id, kind: 'user', expiresAt });
    return this.issuePair(tenant, user, sessionId, expiresAt);
  }

  private async issuePair(tenant: string, user: UserView, sessionId: string, sessionExpiresAt: Date): Promise<TokenPair> {
    const refreshToken = tenantScopedSecret(tenant);
    await this.sessions.addRefreshToken(tenant, sessionId, digestOf(refreshToken), sessionExpiresAt);
    const permissions = await this.roles.permissionsOf(tenant, user.roles);
    const accessToken = await this.tokens.issue({ kind: 'user', id: user.id, tenant, roles: user.roles, permissions }, sessionId);
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.tokens.ttlSeconds,
      refreshToken,
      refreshExpiresIn: Math.max(1, Math.floor((sessionExpiresAt.getTime() - Date.now()) / 1000)),
    };
  }

  private async refuseWhileLocked(tenant: string, keys: string[]): Promise<void> {
    const states = await this.throttle.states(tenant, keys);
    const now = new Date();
    const wait = Math.max(0, ...keys.map((key) => secondsLocked(states.get(key) ?? null, now)));
    if (wait > 0) throw new IdoError('RATE_LIMITED', 'Too many failed sign-ins; try again later', { retryAfterSeconds: wait });
  }

  private async recordFailure(tenant: string, keys: string[]): Promise<void> {
    for (const key of keys) {
      const policy = key.startsWith('account:') ? this.settings.accountLockout : this.settings.sourceLockout;
      const state = await this.throttle.recordFailure(tenant, key, policy);
      if (state.lockedUntil) this.log.warn(`sign-in locked for ${key} in tenant ${tenant} until ${state.lockedUntil.toISOString()} after ${state.failures} failures`);
    }
  }
}
