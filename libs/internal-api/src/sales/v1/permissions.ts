import { definePermissions } from '../../common/permissions';

export const salesPermissions = definePermissions('sales', {
  leadRead: ['lead:read', 'Read leads'],
  leadManage: ['lead:manage', 'Create, qualify and convert leads'],
  companyRead: ['company:read', 'Read companies and contacts'],
  companyManage: ['company:manage', 'Create and change companies and contacts'],
  opportunityRead: ['opportunity:read', 'Read own opportunities'],
  opportunityReadAll: ['opportunity:read-all', "Read every rep's opportunities"],
  opportunityManage: ['opportunity:manage', 'Create and move opportunities'],
  pipelineManage: ['pipeline:manage', 'Configure pipelines and stages'],
  activityManage: ['activity:manage', 'Log calls, meetings and tasks'],
});
