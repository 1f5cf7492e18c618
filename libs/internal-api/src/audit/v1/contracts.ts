import { z } from 'zod';
import { defineContract } from '../../contract';
import { defineStatusContract } from '../../common/service-status';
import { isoDateTime } from '../../identity/v1/schemas';
import { auditAction, auditEvent, chainBreak } from './schemas';

/** Query parameters arrive as strings through the gateway: numbers are coerced. */
const eventsListRequest = z
  .object({
    actorId: z.string().min(1).max(200).optional(),
    action: auditAction.optional(),
    entityType: z.string().min(1).max(60).optional(),
    entityId: z.string().min(1).max(200).optional(),
    /** occurred_at ≥ from */
    from: isoDateTime.optional(),
    /** occurred_at < to */
    to: isoDateTime.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();

const chainVerifyRequest = z
  .object({
    /** The first seq of the tenant's chain to check (1 = from the start). */
    fromSeq: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(100_000).default(10_000),
  })
  .strict();

const chainVerifyReply = z
  .object({
    intact: z.boolean(),
    checked: z.number().int().min(0),
    fromSeq: z.number().int().min(1),
    /** The last seq checked; null when the range held nothing. */
    toSeq: z.number().int().min(1).nullable(),
    /** The seq of the tenant's newest record (0: none yet). */
    headSeq: z.number().int().min(0),
    firstBreak: chainBreak.nullable(),
  })
  .strict();

export const auditV1 = {
  statusGet: defineStatusContract('audit'),
  /** The caller's tenant's log, newest first, by actor, action, entity and time range; keyset cursor. */
  eventsList: defineContract({
    module: 'audit',
    entity: 'events',
    verb: 'list',
    version: 1,
    request: eventsListRequest,
    reply: z.object({ items: z.array(auditEvent), nextCursor: z.string().nullable() }).strict(),
  }),
  /** Recomputes the caller's tenant's hash chain over a range of seqs and reports the first broken link. */
  chainVerify: defineContract({ module: 'audit', entity: 'chain', verb: 'verify', version: 1, request: chainVerifyRequest, reply: chainVerifyReply, timeoutMs: 30_000 }),
} as const;
