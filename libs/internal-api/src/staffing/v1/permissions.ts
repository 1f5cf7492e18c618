import { definePermissions } from '../../common/permissions';

export const staffingPermissions = definePermissions('staffing', {
  guardRead: ['guard:read', 'Read guards and their licences'],
  guardManage: ['guard:manage', 'Create and change guards and licences'],
  siteRead: ['site:read', 'Read client sites and posts'],
  siteManage: ['site:manage', 'Create and change client sites and posts'],
  shiftRead: ['shift:read', 'Read shifts and rosters'],
  shiftSchedule: ['shift:schedule', 'Create shifts and assign guards'],
  attendanceRecord: ['attendance:record', 'Check in and out of own shifts'],
  attendanceApprove: ['attendance:approve', 'Approve attendance and shift tickets'],
});
