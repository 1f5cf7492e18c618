import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One SQL migration in Prisma's layout: `migrations/<timestamp>_<name>/migration.sql`. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const folderPattern = /^\d{14}_[a-z0-9_]+$/;

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
        throw new Error(`migration folder ${entry.name} must be <14-digit timestamp>_<snake_name>`);
      }
      const file = join(directory, entry.name, 'migration.sql');
      if (!existsSync(file)) throw new Error(`migration ${entry.name} has no migration.sql`);
      const sql = readFileSync(file, 'utf8');
      return { name: entry.name, sql, checksum: checksumOf(sql) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
