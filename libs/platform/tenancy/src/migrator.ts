import type { PoolClient } from 'pg';
import { maxMigrationNameLength, type Migration } from './migrations';
import { quoteIdent } from './tenant-id';
import { runTransactionScript } from './transaction-script';

/** Per-schema record of applied files. Owned by the owner role; tenants get no grant on it. */
export const migrationsTable = '_ido_migrations';

/**
 * The ledger's columns. Bounded types keep its widest row under Postgres' TOAST
 * threshold, so creating it creates no TOAST table and index: that halves the cost of
 * the ledger, made once per tenant. (Ledgers made earlier with `text` columns work alike.)
 */
export const migrationsTableColumns = `name varchar(${maxMigrationNameLength}) PRIMARY KEY, checksum char(64) NOT NULL, applied_at timestamptz NOT NULL DEFAULT now()`;

export class MigrationChecksumError extends Error {
  constructor(readonly schema: string, readonly migration: string) {
    super(`${schema}: applied migration ${migration} was edited or removed since it ran; add a new migration instead`);
    this.name = 'MigrationChecksumError';
  }
}

export interface SchemaMigrationResult {
  schema: string;
  applied: string[];
}

/**
 * Applies the pending migrations to one schema, each file in its own transaction
 * and round trip: a failing file rolls back alone and the next run resumes there.
 * Refuses to run at all when an applied file's checksum no longer matches.
 */
export async function migrateSchema(client: PoolClient, schema: string, owner: string, migrations: Migration[]): Promise<SchemaMigrationResult> {
  const applied: string[] = [];
  const recorded = await appliedChecksums(client, schema);
  const known = new Map(migrations.map((m) => [m.name, m.checksum]));
  for (const [name, checksum] of recorded) {
    if (known.get(name) !== checksum) throw new MigrationChecksumError(schema, name);
  }
  for (const migration of migrations) {
    if (recorded.has(migration.name)) continue;
    try {
      await runTransactionScript(client, [schemaLockStatement(schema), migrationStatements(schema, owner, migration)]);
      applied.push(migration.name);
    } catch (error) {
      // Another replica may have applied it meanwhile (then ours failed on its objects).
      if (await isApplied(client, schema, migration.name)) continue;
      throw Object.assign(new Error(`${schema}: migration ${migration.name} failed: ${(error as Error).message}`), { applied });
    }
  }
  return { schema, applied };
}

/** Takes the schema's advisory lock for the rest of the transaction. */
export function schemaLockStatement(schema: string): string {
  return `SELECT pg_advisory_xact_lock(hashtext('ido.tenant'), hashtext('${schema}'));`;
}

/**
 * One file's statements and its ledger row, to run inside a transaction. Names and
 * checksums are validated (folder pattern, hex), so they may be inlined; the lone
 * ';' after the file ends its last statement even if a comment follows it.
 */
export function migrationStatements(schema: string, owner: string, migration: Migration): string {
  return [
    `SET LOCAL ROLE ${quoteIdent(owner)};`,
    `SET LOCAL search_path TO ${quoteIdent(schema)};`,
    migration.sql,
    ';',
    `INSERT INTO ${quoteIdent(schema)}.${migrationsTable} (name, checksum) VALUES ('${migration.name}', '${migration.checksum}');`,
  ].join('\n');
}

async function isApplied(client: PoolClient, schema: string, name: string): Promise<boolean> {
  const result = await client.query(`SELECT 1 FROM ${quoteIdent(schema)}.${migrationsTable} WHERE name = $1`, [name]);
  return Boolean(result.rowCount);
}

async function appliedChecksums(client: PoolClient, schema: string): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; checksum: string }>(
    `SELECT name, checksum FROM ${quoteIdent(schema)}.${migrationsTable} ORDER BY name`,
  );
  return new Map(result.rows.map((row) => [row.name, row.checksum]));
}
