import type { PoolClient } from 'pg';
import type { Migration } from './migrations';
import { quoteIdent } from './tenant-id';

/** Per-schema record of applied files. Owned by the owner role; tenants get no grant on it. */
export const migrationsTable = '_ido_migrations';

export class MigrationChecksumError extends Error {
  constructor(readonly schema: string, readonly migration: string) {
    super(`${schema}: applied migration ${migration} was edited or removed since it ran; add a new migration instead`);
    this.name = 'MigrationChecksumError';
  }
}

export interface SchemaMigrationResult {
  schema: string;
  applied: string[];
  error?: string;
}

/** Serialises everything that changes one tenant schema, across replicas. */
export async function lockSchema(client: PoolClient, schema: string): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(hashtext('ido.tenant'), hashtext($1))`, [schema]);
}

/**
 * Applies the pending migrations to one schema, each file in its own transaction
 * (a failing file rolls back alone; the next run resumes there). Refuses to run
 * at all when an applied file's checksum no longer matches.
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
    await client.query('BEGIN');
    try {
      await lockSchema(client, schema);
      // Another replica may have applied it while we waited for the lock.
      const again = await client.query(`SELECT 1 FROM ${quoteIdent(schema)}.${migrationsTable} WHERE name = $1`, [migration.name]);
      if (!again.rowCount) {
        await client.query(`SET LOCAL ROLE ${quoteIdent(owner)}`);
        await client.query(`SET LOCAL search_path TO ${quoteIdent(schema)}`);
        await client.query(migration.sql);
        await client.query(`INSERT INTO ${quoteIdent(schema)}.${migrationsTable} (name, checksum) VALUES ($1, $2)`, [
          migration.name,
          migration.checksum,
        ]);
        applied.push(migration.name);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw Object.assign(new Error(`${schema}: migration ${migration.name} failed: ${(error as Error).message}`), { applied });
    }
  }
  return { schema, applied };
}

async function appliedChecksums(client: PoolClient, schema: string): Promise<Map<string, string>> {
  const result = await client.query<{ name: string; checksum: string }>(
    `SELECT name, checksum FROM ${quoteIdent(schema)}.${migrationsTable} ORDER BY name`,
  );
  return new Map(result.rows.map((row) => [row.name, row.checksum]));
}
