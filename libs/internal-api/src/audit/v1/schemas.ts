import { z } from 'zod';
import { isoDateTime, tenantId, uuid } from '../../identity/v1/schemas';

/** Who made a change: a signed-in user, or a service account / a service's own job. */
export const auditActor = z.object({ kind: z.enum(['user', 'service']), id: z.string().min(1).max(200) }).strict();

/** `<module>.<entity>.<verb>`, e.g. `identity.user.disable`. */
export const auditAction = z
  .string()
  .max(120)
  .regex(/^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*){2}$/, 'must be <module>.<entity>.<verb>');

export const auditEntity = z.object({ type: z.string().min(1).max(60), id: z.string().min(1).max(200) }).strict();

/** An entity's state as JSON, secrets already redacted by the writer. */
export const entityState = z.record(z.string(), z.json()).nullable();

/** One change, as the service that made it records it in its outbox. */
export const auditRecord = z
  .object({
    /** The outbox row's id: the event id every consumer dedupes on. */
    id: uuid,
    tenant: tenantId,
    actor: auditActor,
    action: auditAction,
    entity: auditEntity,
    before: entityState,
    after: entityState,
    requestId: z.string().min(1).max(200).nullable(),
    /** The W3C trace id (32 hex) of the request that made the change. */
    traceId: z.string().regex(/^[0-9a-f]{32}$/).nullable(),
    source: z.string().regex(/^[a-z][a-z0-9-]*$/).max(60),
    occurredAt: isoDateTime,
  })
  .strict();

/** A record as the log holds it: what the service recorded, its place in the tenant's chain, and when it arrived. */
export const auditEvent = auditRecord
  .omit({ tenant: true })
  .extend({
    seq: z.number().int().min(1),
    recordedAt: isoDateTime,
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export const chainBreak = z
  .object({
    seq: z.number().int().min(1),
    /** The record at that position; null when it is missing (deleted). */
    id: uuid.nullable(),
    reason: z.enum(['altered', 'unlinked', 'missing']),
  })
  .strict();
