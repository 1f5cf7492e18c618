import { z } from 'zod';
import { defineEvent } from '../../common/events';
import { isoDateTime, moduleName, tenantId, tenantStatus, uuid } from './schemas';

const tenantState = z.object({ tenant: tenantId, status: tenantStatus, modules: z.array(moduleName) }).strict();

export const identityEvents = {
  /** Every persisting service provisions its schema for the tenant. */
  tenantProvisioned: defineEvent({ module: 'identity', name: 'tenant-provisioned', version: 1, payload: tenantState }),
  /** Suspended, resumed, or its modules changed: verifiers update at once. */
  tenantChanged: defineEvent({ module: 'identity', name: 'tenant-changed', version: 1, payload: tenantState }),
  /** Sessions ended early (logout, refresh-token reuse, user disabled): their access tokens stop working. */
  sessionsRevoked: defineEvent({
    module: 'identity',
    name: 'sessions-revoked',
    version: 1,
    payload: z.object({ tenant: tenantId, sessionIds: z.array(uuid).min(1), until: isoDateTime }).strict(),
  }),
  /** The JWKS changed (rotation or retirement): verifiers refetch it. */
  signingKeysChanged: defineEvent({ module: 'identity', name: 'signing-keys-changed', version: 1, payload: z.object({ kids: z.array(z.string()) }).strict() }),
} as const;
