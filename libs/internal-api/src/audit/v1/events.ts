import { defineEvent } from '../../common/events';
import { auditRecord } from './schemas';

export const auditEvents = {
  /** A service changed something in a tenant: the audit service appends it to the tenant's chain. */
  recorded: defineEvent({ module: 'audit', name: 'recorded', version: 1, payload: auditRecord }),
} as const;
