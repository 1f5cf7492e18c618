import { authenticated, defineRoutes, publicAccess, requires } from '../../common/routes';
import { identityV1 as c } from './contracts';
import { identityPermissions as p } from './permissions';

/** Identity's public HTTP API, served by the gateway. */
export const identityRoutes = defineRoutes([
  { method: 'POST', path: '/v1/auth/login', contract: c.authLogin, access: publicAccess },
  { method: 'POST', path: '/v1/auth/refresh', contract: c.authRefresh, access: publicAccess },
  { method: 'POST', path: '/v1/auth/token', contract: c.authClientToken, access: publicAccess },
  { method: 'POST', path: '/v1/auth/logout', contract: c.authLogout, access: authenticated },
  { method: 'GET', path: '/v1/auth/me', contract: c.authMe, access: authenticated },
  { method: 'POST', path: '/v1/auth/password', contract: c.userChangePassword, access: authenticated },
  { method: 'POST', path: '/v1/auth/activate', contract: c.userActivate, access: publicAccess },
  { method: 'GET', path: '/.well-known/jwks.json', contract: c.jwksGet, access: publicAccess },

  { method: 'POST', path: '/v1/platform/tenants', contract: c.tenantCreate, access: requires(p.tenantCreate), successStatus: 201, idempotent: true },
  { method: 'GET', path: '/v1/platform/tenants', contract: c.tenantList, access: requires(p.tenantRead) },
  { method: 'GET', path: '/v1/platform/tenants/:id', contract: c.tenantGet, access: requires(p.tenantRead) },
  { method: 'POST', path: '/v1/platform/tenants/:id/suspend', contract: c.tenantSuspend, access: requires(p.tenantSuspend) },
  { method: 'POST', path: '/v1/platform/tenants/:id/resume', contract: c.tenantResume, access: requires(p.tenantSuspend) },
  { method: 'POST', path: '/v1/platform/signing-keys/rotate', contract: c.signingKeyRotate, access: requires(p.signingKeyRotate) },

  { method: 'POST', path: '/v1/identity/users', contract: c.userCreate, access: requires(p.userCreate), successStatus: 201, idempotent: true },
  { method: 'GET', path: '/v1/identity/users', contract: c.userList, access: requires(p.userRead) },
  { method: 'GET', path: '/v1/identity/users/:id', contract: c.userGet, access: requires(p.userRead) },
  { method: 'POST', path: '/v1/identity/users/:id/disable', contract: c.userDisable, access: requires(p.userUpdate) },
  { method: 'POST', path: '/v1/identity/users/:id/enable', contract: c.userEnable, access: requires(p.userUpdate) },
  { method: 'PUT', path: '/v1/identity/users/:id/roles', contract: c.userSetRoles, access: requires(p.userUpdate) },

  { method: 'GET', path: '/v1/identity/permissions', contract: c.permissionList, access: requires(p.roleRead) },
  { method: 'GET', path: '/v1/identity/roles', contract: c.roleList, access: requires(p.roleRead) },
  { method: 'POST', path: '/v1/identity/roles', contract: c.roleCreate, access: requires(p.roleManage), successStatus: 201, idempotent: true },
  { method: 'PATCH', path: '/v1/identity/roles/:name', contract: c.roleUpdate, access: requires(p.roleManage) },
  { method: 'DELETE', path: '/v1/identity/roles/:name', contract: c.roleDelete, access: requires(p.roleManage) },

  { method: 'GET', path: '/v1/identity/modules', contract: c.moduleList, access: requires(p.moduleRead) },
  { method: 'PUT', path: '/v1/identity/modules/:module', contract: c.moduleSet, access: requires(p.moduleManage) },

  { method: 'POST', path: '/v1/identity/service-accounts', contract: c.serviceAccountCreate, access: requires(p.serviceAccountManage), successStatus: 201, idempotent: true },
  { method: 'GET', path: '/v1/identity/service-accounts', contract: c.serviceAccountList, access: requires(p.serviceAccountManage) },
  { method: 'POST', path: '/v1/identity/service-accounts/:id/disable', contract: c.serviceAccountDisable, access: requires(p.serviceAccountManage) },
]);
