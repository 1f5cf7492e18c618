import type { auditSchemas } from '@ido/internal-api';
import type { z } from 'zod';
import type { ChainLink } from '../chain/hash-chain';

export type AuditEventView = z.output<typeof auditSchemas.auditEvent>;

/** audit_events as `pg` returns it (bigint as string, timestamps as Date, jsonb parsed). */
export interface AuditRow {
  tenant_id: string;
  seq: string;
  id: string;
  occurred_at: Date;
  recorded_at: Date;
  actor_kind: 'user' | 'service';
  actor_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  trace_id: string | null;
  source: string;
  prev_hash: string;
  hash: string;
}

export const auditColumns = `tenant_id, seq, id, occurred_at, recorded_at, actor_kind, actor_id, action, entity_type, entity_id,
  before, after, request_id, trace_id, source, prev_hash, hash`;

/** The row as its hash saw it: the chain can be recomputed from this alone. */
export function linkOf(row: AuditRow): ChainLink {
  return {
    tenant: row.tenant_id,
    seq: Number(row.seq),
    id: row.id,
    occurredAt: row.occurred_at.toISOString(),
    actor: { kind: row.actor_kind, id: row.actor_id },
    action: row.action,
    entity: { type: row.entity_type, id: row.entity_id },
    before: row.before,
    after: row.after,
    requestId: row.request_id,
    traceId: row.trace_id,
    source: row.source,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function viewOf(row: AuditRow): AuditEventView {
  return {
    id: row.id,
    seq: Number(row.seq),
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
    actor: { kind: row.actor_kind, id: row.actor_id },
    action: row.action,
    entity: { type: row.entity_type, id: row.entity_id },
    before: row.before as AuditEventView['before'],
    after: row.after as AuditEventView['after'],
    requestId: row.request_id,
    traceId: row.trace_id,
    source: row.source,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
