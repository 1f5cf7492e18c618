import type { Contract } from './contract';
import type { EventContract } from './common/events';
import type { Permission } from './common/permissions';
import type { HttpRoute } from './common/routes';
import { accountingPermissions, accountingRoutes, accountingV1 } from './accounting/v1';
import { auditEvents, auditPermissions, auditRoutes, auditV1 } from './audit/v1';
import { complaintsPermissions, complaintsV1 } from './complaints/v1';
import { identityEvents, identityPermissions, identityRoutes, identityV1 } from './identity/v1';
import { salesPermissions, salesV1 } from './sales/v1';
import { staffingPermissions, staffingV1 } from './staffing/v1';

/**
 * Every contract version that is published (served). Adding one here freezes its
 * schema: `contract-snapshots.spec.ts` commits its JSON Schema and fails on change.
 */
export const publishedContracts: readonly Contract[] = [
  identityV1,
  auditV1,
  accountingV1,
  salesV1,
  staffingV1,
  complaintsV1,
].flatMap((module) => Object.values(module));

/** Every event version that is published: frozen by snapshot like the contracts. */
export const publishedEvents: readonly EventContract[] = [identityEvents, auditEvents].flatMap((module) => Object.values(module));

/** Every permission a module declares: the catalogue roles are built from. */
export const permissionCatalogue: readonly Permission[] = [
  identityPermissions,
  auditPermissions,
  accountingPermissions,
  salesPermissions,
  staffingPermissions,
  complaintsPermissions,
].flatMap((module) => Object.values(module));

/** Every public HTTP route the gateway serves. */
export const httpRoutes: readonly HttpRoute[] = [...identityRoutes, ...auditRoutes, ...accountingRoutes];
