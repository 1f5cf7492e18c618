import { definePermissions } from '../../common/permissions';

export const auditPermissions = definePermissions('audit', {
  eventRead: ['event:read', "Query the tenant's audit log and verify its chain"],
});
