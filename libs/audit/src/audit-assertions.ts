import { auditEvents } from '@ido/internal-api';
import type { Pool } from 'pg';
import type { AuditRecord } from './audit-log';
import { OUTBOX_TABLE } from './outbox-migration';

/** What a test expects of an audit record: any subset of its fields (entity and actor compared whole). */
export type ExpectedAudit = Partial<Pick<AuditRecord, 'action' | 'entity' | 'actor' | 'source' | 'requestId'>> & {
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
};

interface TenantPools {
  use<T>(tenant: string, work: (client: unknown, connection: { pool: Pool }) => Promise<T>): Promise<T>;
}

/**
 * The test helper behind "this handler audited its change":
 * `await assertAudited(tenants, 'acme', { action: 'sales.lead.create', entity: { type: 'lead', id } })`.
 * Reads the tenant's outbox (so it needs no relay or audit service) and throws,
 * listing what was recorded, unless exactly one record matches. Returns it.
 */
export async function assertAudited(tenants: TenantPools, tenant: string, expected: ExpectedAudit): Promise<AuditRecord> {
  const recorded = await tenants.use(tenant, async (_client, { pool }) => {
    const { rows } = await pool.query<{ payload: AuditRecord }>(`SELECT payload FROM ${OUTBOX_TABLE} WHERE subject = $1 ORDER BY created_at, id`, [
      auditEvents.recorded.subject,
    ]);
    return rows.map((row) => auditEvents.recorded.payload.parse(row.payload));
  });
  const matches = recorded.filter((record) => Object.entries(expected).every(([key, value]) => sameJson(record[key as keyof AuditRecord], value)));
  if (matches.length !== 1) {
    const seen = recorded.map((r) => `  ${r.action} ${r.entity.type}/${r.entity.id} by ${r.actor.kind}:${r.actor.id}`).join('\n') || '  (nothing)';
    throw new Error(`expected exactly one audit record of ${tenant} matching ${JSON.stringify(expected)}, found ${matches.length}; recorded:\n${seen}`);
  }
  return matches[0] as AuditRecord;
}

function sameJson(actual: unknown, expected: unknown): boolean {
  return JSON.stringify(sortKeys(actual)) === JSON.stringify(sortKeys(expected));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  return value;
}
