import type { MaintenanceDatabase } from '@ido/platform-tenancy';
import { quoteIdent } from '@ido/platform-tenancy';
import { ARCHIVE_SCHEMA, AUDIT_SCHEMA, auditSchemaMigrations, writerRole } from './audit-schema';
import { type MonthPartition, monthPartition, partitionsAhead } from './partitions';

const iso = (at: Date) => at.toISOString();

/**
 * The audit database's shared schema: created and migrated at start, and its
 * monthly partitions kept ahead of time. Runs as the maintenance connection
 * (never on a request); partitions are created as the owner role.
 */
export class AuditStore {
  private readonly known = new Set<string>();
  readonly writer: string;

  constructor(
    private readonly database: MaintenanceDatabase,
    private readonly databaseName: string,
  ) {
    this.writer = writerRole(databaseName);
  }

  async prepare(now = new Date()): Promise<void> {
    await this.database.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${this.writer}') THEN CREATE ROLE ${quoteIdent(this.writer)} NOLOGIN; END IF;
    END $$`).catch((error: { code?: string }) => {
      // A replica creating the role at the same moment wins: that is success.
      if (error.code !== '23505' && error.code !== '42710') throw error;
    });
    await this.database.migrateSharedSchema(AUDIT_SCHEMA, auditSchemaMigrations(this.databaseName));
    // Created like a shared schema (owner role, lock), with no migration: it only receives detached partitions.
    await this.database.migrateSharedSchema(ARCHIVE_SCHEMA, []);
    await this.ensurePartitionsAhead(now);
  }

  /** The maintenance job: current month and the next two. */
  ensurePartitionsAhead(now = new Date()): Promise<void> {
    return this.ensurePartitions(partitionsAhead(now));
  }

  /** The partitions for these instants, e.g. of a batch whose events are older than any partition yet. */
  ensurePartitionsFor(instants: Date[]): Promise<void> {
    return this.ensurePartitions(instants.map(monthPartition));
  }

  /**
   * Forgets which partitions exist: one may have been archived (detached) since,
   * by this replica or another, and a late record for its month needs it again.
   */
  forgetPartitions(): void {
    this.known.clear();
  }

  private async ensurePartitions(partitions: MonthPartition[]): Promise<void> {
    const missing = [...new Map(partitions.filter((p) => !this.known.has(p.name)).map((p) => [p.name, p])).values()];
    if (!missing.length) return;
    await this.database.transaction(async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('ido.audit-partitions'))`);
      await client.query(`SET LOCAL ROLE ${quoteIdent(this.database.owner)}`);
      for (const partition of missing) {
        const table = `${AUDIT_SCHEMA}.${quoteIdent(partition.name)}`;
        await client.query(`CREATE TABLE IF NOT EXISTS ${table} PARTITION OF ${AUDIT_SCHEMA}.audit_events
          FOR VALUES FROM ('${iso(partition.from)}') TO ('${iso(partition.to)}')`);
        await client.query(`CREATE OR REPLACE TRIGGER append_only_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${AUDIT_SCHEMA}.refuse_change()`);
      }
    });
    for (const partition of missing) this.known.add(partition.name);
  }
}
