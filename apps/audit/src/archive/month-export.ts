import type { PoolClient } from 'pg';
import { canonicalJson } from '../chain/canonical-json';
import { type AuditRow, auditColumns, linkOf } from '../events/audit-row';
import { AtomicFile } from './archive-file';

/** One tenant's records in an archived month: the last hash is where its chain stood when the month closed. */
export interface TenantSummary {
  count: number;
  firstSeq: number;
  lastSeq: number;
  finalHash: string;
}

export interface MonthExport {
  records: number;
  sha256: string;
  tenants: Record<string, TenantSummary>;
}

const batchSize = 5_000;

/** A record as the archive keeps it: every hashed field, its hashes, and when the log received it. */
export function archiveLine(row: AuditRow): string {
  return `${canonicalJson({ ...linkOf(row), recordedAt: row.recorded_at.toISOString() })}\n`;
}

/**
 * Writes every row of `table` (a partition, locked against inserts by the caller)
 * to `path` as JSONL, ordered by tenant then seq, in keyset batches so that a
 * month of any size streams through bounded memory.
 */
export async function exportPartition(client: PoolClient, table: string, path: string): Promise<MonthExport> {
  const file = await AtomicFile.create(path);
  const tenants: Record<string, TenantSummary> = {};
  let records = 0;
  try {
    for (let after = ['', '0']; ; ) {
      const { rows } = await client.query<AuditRow>(
        `SELECT ${auditColumns} FROM ${table} WHERE (tenant_id, seq) > ($1, $2) ORDER BY tenant_id, seq LIMIT ${batchSize}`,
        after,
      );
      if (!rows.length) break;
      await file.write(rows.map(archiveLine).join(''));
      for (const row of rows) summarise(tenants, row);
      records += rows.length;
      const last = rows[rows.length - 1] as AuditRow;
      after = [last.tenant_id, last.seq];
    }
    return { records, sha256: await file.commit(), tenants };
  } catch (error) {
    await file.abandon();
    throw error;
  }
}

function summarise(tenants: Record<string, TenantSummary>, row: AuditRow): void {
  const seq = Number(row.seq);
  const summary = (tenants[row.tenant_id] ??= { count: 0, firstSeq: seq, lastSeq: seq, finalHash: row.hash });
  summary.count += 1;
  summary.lastSeq = seq;
  summary.finalHash = row.hash;
}
