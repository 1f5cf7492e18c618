import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { type MaintenanceDatabase, quoteIdent } from '@ido/platform-tenancy';
import type { PoolClient } from 'pg';
import { canonicalJson } from '../chain/canonical-json';
import { ARCHIVE_SCHEMA, AUDIT_SCHEMA } from '../store/audit-schema';
import type { MonthPartition } from '../store/partitions';
import { writeAtomically } from './archive-file';
import { exportPartition, type MonthExport } from './month-export';
import { archiveBaseName, monthLabel, monthsDue } from './retention';

export interface RetentionSettings {
  retentionMonths: number;
  archiveDir: string;
}

export interface ArchivedMonth {
  month: string;
  part: number;
  file: string;
  records: number;
  sha256: string;
}

/**
 * Retention of the audit log: months older than the retention are exported to a
 * JSONL file with a manifest, then their partition is detached and moved to the
 * no-grant archive schema. No row is ever deleted. Runs as the maintenance
 * connection; replicas are serialised by an advisory lock.
 */
export class AuditArchive {
  private readonly log = new Logger('AuditArchive');

  constructor(
    private readonly database: MaintenanceDatabase,
    private readonly settings: RetentionSettings,
  ) {}

  /** Archives every month due, oldest first; what another replica archived meanwhile is skipped. */
  async archiveDue(now = new Date()): Promise<ArchivedMonth[]> {
    const archived: ArchivedMonth[] = [];
    for (const partition of monthsDue(await this.attachedPartitions(), now, this.settings.retentionMonths)) {
      const month = await this.archiveMonth(partition);
      if (month) archived.push(month);
    }
    return archived;
  }

  /**
   * One month in one transaction, so a crash anywhere leaves it attached and a
   * rerun exports it again (the files are replaced whole). Inserts into the
   * partition wait meanwhile, so the files hold exactly what is detached.
   */
  private archiveMonth(partition: MonthPartition): Promise<ArchivedMonth | undefined> {
    return this.database.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('ido.audit-archive'))`);
      if (!(await isAttached(client, partition.name))) return undefined;
      await client.query(`SET LOCAL ROLE ${quoteIdent(this.database.owner)}`);
      const table = `${AUDIT_SCHEMA}.${quoteIdent(partition.name)}`;
      await client.query(`LOCK TABLE ${table} IN SHARE MODE`);
      const month = monthLabel(partition);
      const part = await nextPart(client, month);
      const base = archiveBaseName(partition, part);
      const exported = await exportPartition(client, table, join(this.settings.archiveDir, `${base}.jsonl`));
      await writeAtomically(join(this.settings.archiveDir, `${base}.manifest.json`), manifestOf(partition, part, `${base}.jsonl`, exported));
      // Each record's place in its chain stays behind, so verify tells archived from deleted.
      await client.query(
        `INSERT INTO ${AUDIT_SCHEMA}.archived_links (tenant_id, seq, id, prev_hash, hash, month) SELECT tenant_id, seq, id, prev_hash, hash, $1 FROM ${table}`,
        [month],
      );
      const archivedTable = await detach(client, partition.name, part);
      await client.query(
        `INSERT INTO ${AUDIT_SCHEMA}.archived_months (month, part, archived_table, file, sha256, records) VALUES ($1, $2, $3, $4, $5, $6)`,
        [month, part, archivedTable, `${base}.jsonl`, exported.sha256, exported.records],
      );
      this.log.log(`archived ${month} (part ${part}): ${exported.records} records to ${base}.jsonl, partition moved to ${archivedTable}`);
      return { month, part, file: `${base}.jsonl`, records: exported.records, sha256: exported.sha256 };
    });
  }

  private async attachedPartitions(): Promise<string[]> {
    const { rows } = await this.database.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '${AUDIT_SCHEMA}.audit_events'::regclass`,
    );
    return rows.map((r) => r.name);
  }
}

async function isAttached(client: PoolClient, name: string): Promise<boolean> {
  const { rowCount } = await client.query(
    `SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = '${AUDIT_SCHEMA}.audit_events'::regclass AND c.relname = $1`,
    [name],
  );
  return Boolean(rowCount);
}

/** 1 for a month's first archive; more when late records of an archived month recreated its partition. */
async function nextPart(client: PoolClient, month: string): Promise<number> {
  const { rows } = await client.query<{ part: number }>(`SELECT coalesce(max(part), 0) + 1 AS part FROM ${AUDIT_SCHEMA}.archived_months WHERE month = $1`, [month]);
  return Number(rows[0]?.part ?? 1);
}

/**
 * Detaches the partition and moves it to the archive schema, which grants nothing
 * to anyone. Detaching drops the row triggers cloned from the log: they are put
 * back, so the archived rows stay as append-only as they were.
 */
async function detach(client: PoolClient, name: string, part: number): Promise<string> {
  const archivedName = part > 1 ? `${name}_p${part}` : name;
  const archived = `${ARCHIVE_SCHEMA}.${quoteIdent(archivedName)}`;
  await client.query(`ALTER TABLE ${AUDIT_SCHEMA}.audit_events DETACH PARTITION ${AUDIT_SCHEMA}.${quoteIdent(name)}`);
  if (archivedName !== name) await renameWithIndexes(client, name, archivedName);
  await client.query(`ALTER TABLE ${AUDIT_SCHEMA}.${quoteIdent(archivedName)} SET SCHEMA ${ARCHIVE_SCHEMA}`);
  await client.query(`REVOKE ALL ON ${archived} FROM PUBLIC`);
  await client.query(`CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON ${archived} FOR EACH ROW EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change()`);
  return `${ARCHIVE_SCHEMA}.${archivedName}`;
}

/** A later part is renamed, its indexes too: the first part's table and indexes already hold the names in the archive schema. */
async function renameWithIndexes(client: PoolClient, name: string, archivedName: string): Promise<void> {
  const { rows } = await client.query<{ index: string }>(
    `SELECT c.relname AS index FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = $1::regclass ORDER BY c.relname`,
    [`${AUDIT_SCHEMA}.${name}`],
  );
  for (const [i, { index }] of rows.entries()) {
    await client.query(`ALTER INDEX ${AUDIT_SCHEMA}.${quoteIdent(index)} RENAME TO ${quoteIdent(`${archivedName}_i${i + 1}`)}`);
  }
  await client.query(`ALTER TABLE ${AUDIT_SCHEMA}.${quoteIdent(name)} RENAME TO ${quoteIdent(archivedName)}`);
}

/** What an auditor checks the file against, kept beside it (and wherever else the operator copies it). */
function manifestOf(partition: MonthPartition, part: number, file: string, exported: MonthExport): string {
  return `${canonicalJson({
    month: monthLabel(partition),
    part,
    from: partition.from.toISOString(),
    to: partition.to.toISOString(),
    file,
    sha256: exported.sha256,
    records: exported.records,
    tenants: exported.tenants,
  })}\n`;
}
