import { definePermissions } from '../../common/permissions';

export const complaintsPermissions = definePermissions('complaints', {
  complaintRead: ['complaint:read', 'Read complaints'],
  complaintCreate: ['complaint:create', 'Take in complaints'],
  complaintTriage: ['complaint:triage', 'Triage, assign and work on complaints'],
  complaintEscalate: ['complaint:escalate', 'Escalate complaints'],
  complaintResolve: ['complaint:resolve', 'Resolve and close complaints'],
  reportRead: ['report:read', 'Read SLA reports'],
});
