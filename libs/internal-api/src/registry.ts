import type { Contract } from './contract';
import { accountingV1 } from './accounting/v1';
import { auditV1 } from './audit/v1';
import { complaintsV1 } from './complaints/v1';
import { identityV1 } from './identity/v1';
import { salesV1 } from './sales/v1';
import { staffingV1 } from './staffing/v1';

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
