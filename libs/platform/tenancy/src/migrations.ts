import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One SQL migration in Prisma's layout: `migrations/<timestamp>_<name>/migration.sql`. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The ledger's name column is bounded (see `migrationsTableColumns`). */
export const maxMigrationNameLength = 255;
const folderPattern = new RegExp(`^\\d{14}_[a-z0-9_]{1,${maxMigrationNameLength - 15}}$`);

/** A migration shipped in code (e.g. a platform table every service's tenants need), not read from a folder. */
export function defineMigration(name: string, sql: string): Migration {
  if (!folderPattern.test(name)) throw new Error(`migration ${name} must be named <14-digit timestamp>_<snake_name>, at most ${maxMigrationNameLength} characters`);
  return { name, sql, checksum: checksumOf(sql) };
}

/**
 * The migrations of one schema from several sources, in the order given: platform
 * sources (tables every service needs, e.g. the audit outbox) before the service's
 * own, each source in timestamp order. A name in two sources is refused, because the
 * per-schema ledger is keyed by name.
 */
export function combineMigrations(sources: ReadonlyArray<readonly Migration[]>): Migration[] {
  const seen = new Set<string>();
  return sources.flatMap((source) =>
    [...source]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((migration) => {
        if (seen.has(migration.name)) throw new Error(`migration ${migration.name} comes from two sources; platform migrations need their own names`);
        seen.add(migration.name);
        return migration;
      }),
  );
}

export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Reads and orders a service's migrations; refuses folders that break the layout.
 * A service without tables yet has no migrations directory: that is no migration.
 */
export function loadMigrations(directory: string): Migration[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      if (!folderPattern.test(entry.name)) {
        throw new Error(`migration folder ${entry.name} must be <14-digit timestamp>_<snake_name>, at most ${maxMigrationNameLength} characters`);
      }
      const file = join(directory, entry.name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`migration ${entry.name} has no migration.sql`);
      const sql = readFileSync(file, 'utf8');
      return { name: entry.name, sql, checksum: checksumOf(sql) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
