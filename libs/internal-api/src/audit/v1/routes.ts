import { defineRoutes, requires } from '../../common/routes';
import { auditV1 as c } from './contracts';
import { auditPermissions as p } from './permissions';

/** Audit's public HTTP API, served by the gateway. */
export const auditRoutes = defineRoutes([
  { method: 'GET', path: '/v1/audit/events', contract: c.eventsList, access: requires(p.eventRead) },
  { method: 'POST', path: '/v1/audit/verify', contract: c.chainVerify, access: requires(p.eventRead) },
]);
