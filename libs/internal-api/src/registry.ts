import type { Contract } from './contract';
import type { Permission } from './common/permissions';
import type { HttpRoute } from './common/routes';
import { accountingPermissions, accountingV1 } from './accounting/v1';
import { auditPermissions, auditV1 } from './audit/v1';
import { complaintsPermissions, complaintsV1 } from './complaints/v1';
import { identityPermissions, identityRoutes, identityV1 } from './identity/v1';
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
export const httpRoutes: readonly HttpRoute[] = [...identityRoutes];
