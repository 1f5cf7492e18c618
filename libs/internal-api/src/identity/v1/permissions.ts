import { definePermissions } from '../../common/permissions';

export const identityPermissions = definePermissions('identity', {
  tenantCreate: ['tenant:create', 'Create tenants (platform operators)'],
  tenantRead: ['tenant:read', 'List and read tenants (platform operators)'],
  tenantSuspend: ['tenant:suspend', 'Suspend and resume tenants (platform operators)'],
  signingKeyRotate: ['signing-key:rotate', 'Rotate the token signing key (platform operators)'],
  userCreate: ['user:create', 'Create and invite users'],
  userRead: ['user:read', 'List and read users'],
  userUpdate: ['user:update', 'Disable, enable users and assign their roles'],
  roleRead: ['role:read', 'List roles and the permission catalogue'],
  roleManage: ['role:manage', 'Create, change and delete custom roles'],
  moduleRead: ['module:read', "Read the tenant's enabled modules"],
  moduleManage: ['module:manage', 'Enable and disable modules for the tenant'],
  serviceAccountManage: ['service-account:manage', 'Create, list and disable service accounts'],
});
