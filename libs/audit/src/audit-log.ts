import { randomUUID } from 'node:crypto';
import { auditEvents, type auditSchemas } from '@ido/internal-api';
import { requestContext } from '@ido/platform-observability';
import type { z } from 'zod';
import { type OutboxTransaction, writeToOutbox } from './outbox-writer';
import { redactedState } from './redaction';
import { traceIdOf } from './trace-context';

export type AuditRecord = z.output<typeof auditSchemas.auditRecord>;
export type AuditActor = AuditRecord['actor'];

/** What a use case says about its change; the rest (ids, request, trace, time, source) is filled in. */
export interface AuditChange {
  tenant: string;
  actor: AuditActor;
  /** `<module>.<entity>.<verb>`, e.g. `identity.user.disable`. */
  action: string;
  entity: AuditRecord['entity'];
  /** State before and after the change (null/absent for a creation or a deletion); secrets are redacted here. */
  before?: object | null;
  after?: object | null;
}

/**
 * `audit.record(tx, change)` in the transaction of the change: one audit record
 * in the tenant's outbox, committed (or rolled back) with it.
 */
export class AuditLog {
  constructor(private readonly source: string) {}

  async record(tx: OutboxTransaction, change: AuditChange): Promise<AuditRecord> {
    const context = requestContext.current();
    const record: AuditRecord = {
      id: randomUUID(),
      tenant: change.tenant,
      actor: change.actor,
      action: change.action,
      entity: change.entity,
      before: redactedState(change.before),
      after: redactedState(change.after),
      requestId: context?.requestId ?? null,
      traceId: traceIdOf(context?.traceparent),
      source: this.source,
      occurredAt: new Date().toISOString(),
    };
    await writeToOutbox(tx, auditEvents.recorded, record, record.id);
    return record;
  }
}
