import { z } from 'zod';
import { defineContract } from '../../contract';
import { defineStatusContract } from '../../common/service-status';
import * as s from './schemas';

const v1 = <Req extends z.ZodType, Rep extends z.ZodType>(entity: string, verb: string, request: Req, reply: Rep, timeoutMs?: number) =>
  defineContract({ module: 'identity', entity, verb, version: 1, request, reply, timeoutMs });

const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() }).strict();
const byId = z.object({ id: s.uuid }).strict();
const byTenant = z.object({ id: s.tenantId }).strict();
const done = z.object({ ok: z.literal(true) }).strict();

/** A new user's one-time invitation secret, shown once to whoever invites. */
const createdUser = z.object({ user: s.user, invitationToken: z.string().nullable() }).strict();

export const identityV1 = {
  statusGet: defineStatusContract('identity'),

  // Sign-in (public; argon2 makes these slow by design, hence the longer timeouts).
  authLogin: v1('auth', 'login', z.object({ tenant: s.tenantId, email: s.email, password: s.password }).strict(), s.tokenPair, 10_000),
  authRefresh: v1('auth', 'refresh', z.object({ refreshToken: z.string().min(1).max(300) }).strict(), s.tokenPair),
  authLogout: v1('auth', 'logout', z.object({}).strict(), done),
  authMe: v1(
    'auth',
    'me',
    z.object({}).strict(),
    z.object({ user: s.user, tenant: s.tenantId, permissions: z.array(z.string()) }).strict(),
  ),
  /** Client-credentials grant for service accounts (no refresh token). */
  authClientToken: v1(
    'auth',
    'client-token',
    z.object({ tenant: s.tenantId, clientId: z.string().min(1).max(100), clientSecret: z.string().min(1).max(200) }).strict(),
    z.object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int().positive() }).strict(),
    10_000,
  ),
  jwksGet: v1('jwks', 'get', z.object({}).strict(), z.object({ keys: z.array(s.jwk) }).strict()),
  signingKeyRotate: v1('signing-key', 'rotate', z.object({}).strict(), z.object({ kid: z.string() }).strict()),

  // Platform operators.
  tenantCreate: v1(
    'tenant',
    'create',
    z
      .object({
        id: s.tenantId,
        name: z.string().trim().min(1).max(200),
        modules: z.array(s.moduleName).max(10).default([]),
        admin: z.object({ email: s.email, displayName: s.displayName, password: s.password.optional() }).strict(),
      })
      .strict(),
    z.object({ tenant: s.tenant, admin: createdUser }).strict(),
    30_000,
  ),
  tenantGet: v1('tenant', 'get', byTenant, s.tenant),
  tenantList: v1('tenant', 'list', z.object({ ...s.pageRequest, status: s.tenantStatus.optional() }).strict(), page(s.tenant)),
  tenantSuspend: v1('tenant', 'suspend', byTenant, s.tenant),
  tenantResume: v1('tenant', 'resume', byTenant, s.tenant),

  // Users of the caller's tenant.
  userCreate: v1(
    'user',
    'create',
    z.object({ email: s.email, displayName: s.displayName, roles: z.array(s.roleName).max(20).default([]), password: s.password.optional() }).strict(),
    createdUser,
  ),
  /** Public: the invitee sets a password with the invitation secret. */
  userActivate: v1('user', 'activate', z.object({ tenant: s.tenantId, invitationToken: z.string().min(1).max(300), password: s.password }).strict(), s.user),
  userGet: v1('user', 'get', byId, s.user),
  userList: v1(
    'user',
    'list',
    z.object({ ...s.pageRequest, status: s.userStatus.optional(), email: z.string().max(254).optional() }).strict(),
    page(s.user),
  ),
  userDisable: v1('user', 'disable', byId, s.user),
  userEnable: v1('user', 'enable', byId, s.user),
  userSetRoles: v1('user', 'set-roles', z.object({ id: s.uuid, roles: z.array(s.roleName).max(20) }).strict(), s.user),
  /** The caller's own password; every other session of the user is revoked. */
  userChangePassword: v1('user', 'change-password', z.object({ currentPassword: s.password, newPassword: s.password }).strict(), done, 10_000),

  // Roles and permissions of the caller's tenant.
  permissionList: v1('permission', 'list', z.object({}).strict(), z.object({ items: z.array(z.object({ name: z.string(), description: z.string() }).strict()) }).strict()),
  roleList: v1('role', 'list', z.object({}).strict(), z.object({ items: z.array(s.role) }).strict()),
  roleCreate: v1(
    'role',
    'create',
    z.object({ name: s.roleName, description: z.string().trim().max(500).default(''), permissions: z.array(s.permissionName).max(500) }).strict(),
    s.role,
  ),
  roleUpdate: v1(
    'role',
    'update',
    z.object({ name: s.roleName, description: z.string().trim().max(500).optional(), permissions: z.array(s.permissionName).max(500).optional() }).strict(),
    s.role,
  ),
  roleDelete: v1('role', 'delete', z.object({ name: s.roleName }).strict(), done),

  // Modules (feature flags) of the caller's tenant.
  moduleList: v1('module', 'list', z.object({}).strict(), z.object({ items: z.array(s.moduleState) }).strict()),
  moduleSet: v1('module', 'set', z.object({ module: s.moduleName, enabled: z.boolean() }).strict(), s.moduleState),

  // Service accounts of the caller's tenant.
  serviceAccountCreate: v1(
    'service-account',
    'create',
    z.object({ name: z.string().trim().min(1).max(100), roles: z.array(s.roleName).max(20) }).strict(),
    z.object({ serviceAccount: s.serviceAccount, clientSecret: z.string() }).strict(),
  ),
  serviceAccountList: v1('service-account', 'list', z.object({}).strict(), z.object({ items: z.array(s.serviceAccount) }).strict()),
  serviceAccountDisable: v1('service-account', 'disable', byId, s.serviceAccount),

  /**
   * For services, not clients: what every token verifier must know beyond the
   * signature — tenant status and modules, sessions revoked before their tokens expire.
   */
  accessSnapshot: v1(
    'access',
    'snapshot',
    z.object({}).strict(),
    z
      .object({
        tenants: z.array(z.object({ id: s.tenantId, status: s.tenantStatus, modules: z.array(s.moduleName) }).strict()),
        revokedSessions: z.array(z.object({ tenant: s.tenantId, sessionId: s.uuid, until: s.isoDateTime }).strict()),
      })
      .strict(),
  ),
} as const;
