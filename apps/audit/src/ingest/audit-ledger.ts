import type { AuditRecord } from '@ido/audit';
import { type MaintenanceDatabase, quoteIdent } from '@ido/platform-tenancy';
import { type ChainedRecord, type ChainHead, extendChain, GENESIS_HASH } from '../chain/hash-chain';
import type { AuditStore } from '../store/audit-store';

/** What of a record its hash covers (everything but its place in the chain, added by extendChain). */
function chainedFields({ id, tenant, occurredAt, actor, action, entity, before, after, requestId, traceId, source }: AuditRecord): Omit<ChainedRecord, 'seq'> {
  return { id, tenant, occurredAt, actor, action, entity, before, after, requestId, traceId, source };
}

/** What Postgres raises for a row that fits no partition. */
const noPartitionForRow = '23514';

export interface AppendResult {
  appended: number;
  duplicates: number;
}

/**
 * Appends audit records to the log in one transaction as the writer role (INSERT
 * only): records already seen (by event id) are skipped, the rest extend their
 * tenant's hash chain in the order given. Tenants' chain heads are locked in
 * tenant order, so replicas extend one chain one after the other, never both.
 */
export class AuditLedger {
  constructor(
    private readonly database: MaintenanceDatabase,
    private readonly store: AuditStore,
  ) {}

  async append(records: readonly AuditRecord[]): Promise<AppendResult> {
    const unique = [...new Map(records.map((r) => [r.id, { ...r, occurredAt: new Date(r.occurredAt).toISOString() }])).values()];
    if (!unique.length) return { appended: 0, duplicates: records.length };
    await this.store.ensurePartitionsFor(unique.map((r) => new Date(r.occurredAt)));
    const appended = await this.appendNew(unique).catch((error: { code?: string }) => {
      // No partition for a row: its month was archived since the partition was checked; the redelivery recreates it.
      if (error.code === noPartitionForRow) this.store.forgetPartitions();
      throw error;
    });
    return { appended, duplicates: records.length - appended };
  }

  private appendNew(unique: readonly AuditRecord[]): Promise<number> {
    return this.database.transaction(async (client) => {
      await client.query(`SET LOCAL ROLE ${quoteIdent(this.store.writer)}`);
      // Ids in one order for every writer: two batches holding one redelivered record cannot deadlock.
      const fresh = await client.query<{ id: string }>(`INSERT INTO audit.event_ids (id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING id`, [
        unique.map((r) => r.id).sort(),
      ]);
      const freshIds = new Set(fresh.rows.map((row) => row.id));
      const toAppend = unique.filter((r) => freshIds.has(r.id));
      if (!toAppend.length) return 0;

      const tenants = [...new Set(toAppend.map((r) => r.tenant))].sort();
      await client.query(`INSERT INTO audit.chain_heads (tenant_id, seq, hash) SELECT unnest($1::text[]), 0, $2 ON CONFLICT DO NOTHING`, [tenants, GENESIS_HASH]);
      const heads = await client.query<{ tenant_id: string; seq: string; hash: string }>(
        `SELECT tenant_id, seq, hash FROM audit.chain_heads WHERE tenant_id = ANY($1) ORDER BY tenant_id FOR UPDATE`,
        [tenants],
      );
      const links = heads.rows.flatMap((head) => {
        const from: ChainHead = { seq: Number(head.seq), hash: head.hash };
        return extendChain(from, toAppend.filter((r) => r.tenant === head.tenant_id).map(chainedFields));
      });
      await client.query(
        `INSERT INTO audit.audit_events (tenant_id, seq, id, occurred_at, actor_kind, actor_id, action, entity_type, entity_id, before, after, request_id, trace_id, source, prev_hash, hash)
         SELECT tenant_id, seq, id, occurred_at, actor_kind, actor_id, action, entity_type, entity_id, before, after, request_id, trace_id, source, prev_hash, hash
           FROM jsonb_to_recordset($1::jsonb) AS r(tenant_id text, seq bigint, id uuid, occurred_at timestamptz, actor_kind text, actor_id text, action text,
                entity_type text, entity_id text, before jsonb, after jsonb, request_id text, trace_id text, source text, prev_hash text, hash text)`,
        [
          JSON.stringify(
            links.map((l) => ({
              tenant_id: l.tenant,
              seq: l.seq,
              id: l.id,
              occurred_at: l.occurredAt,
              actor_kind: l.actor.kind,
              actor_id: l.actor.id,
              action: l.action,
              entity_type: l.entity.type,
              entity_id: l.entity.id,
              before: l.before,
              after: l.after,
              request_id: l.requestId,
              trace_id: l.traceId,
              source: l.source,
              prev_hash: l.prevHash,
              hash: l.hash,
            })),
          ),
        ],
      );
      const newHeads = new Map(links.map((l) => [l.tenant, { tenant_id: l.tenant, seq: l.seq, hash: l.hash }]));
      await client.query(
        `UPDATE audit.chain_heads h SET seq = v.seq, hash = v.hash
           FROM jsonb_to_recordset($1::jsonb) AS v(tenant_id text, seq bigint, hash text) WHERE h.tenant_id = v.tenant_id`,
        [JSON.stringify([...newHeads.values()])],
      );
      return links.length;
    });
  }
}
