import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checksumOf, combineMigrations, defineMigration, loadMigrations } from './migrations';

function layout(folders: Record<string, string | null>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ido-migrations-'));
  for (const [folder, sql] of Object.entries(folders)) {
    mkdirSync(join(dir, folder));
    if (sql !== null) writeFileSync(join(dir, folder, 'migration.sql'), sql);
  }
  return dir;
}

describe('loadMigrations', () => {
  it('orders Prisma-layout folders by timestamp with checksums', () => {
    const dir = layout({ '20260102000000_b': 'SELECT 2;', '20260101000000_a': 'SELECT 1;' });
    expect(loadMigrations(dir)).toEqual([
      { name: '20260101000000_a', sql: 'SELECT 1;', checksum: checksumOf('SELECT 1;') },
      { name: '20260102000000_b', sql: 'SELECT 2;', checksum: checksumOf('SELECT 2;') },
    ]);
  });

  it('treats a missing directory as no migrations', () => {
    expect(loadMigrations(join(tmpdir(), 'does-not-exist-ido'))).toEqual([]);
  });

  it('ignores line-ending differences in checksums', () => {
    expect(checksumOf('a;\r\nb;')).toBe(checksumOf('a;\nb;'));
  });

  it.each([
    [{ 'init': 'SELECT 1;' }, /must be <14-digit timestamp>_<snake_name>/],
    [{ '20260101000000_Init': 'SELECT 1;' }, /must be/],
    [{ '20260101000000_init': null }, /has no migration.sql/],
  ])('refuses a broken layout %o', (folders, message) => {
    expect(() => loadMigrations(layout(folders))).toThrow(message);
  });
});

describe('defineMigration', () => {
  it('checksums code-shipped SQL like a file', () => {
    expect(defineMigration('20260101000000_outbox', 'SELECT 1;')).toEqual({ name: '20260101000000_outbox', sql: 'SELECT 1;', checksum: checksumOf('SELECT 1;') });
  });

  it('refuses a name the ledger layout does not allow', () => {
    expect(() => defineMigration('outbox', 'SELECT 1;')).toThrow(/must be named/);
  });
});

describe('combineMigrations', () => {
  const m = (name: string) => defineMigration(name, `SELECT '${name}';`);

  it('puts earlier sources first, each in timestamp order', () => {
    const platform = [m('20270101000000_platform_b'), m('20200101000000_platform_a')];
    const own = [m('20250101000000_own')];
    expect(combineMigrations([platform, own]).map((x) => x.name)).toEqual([
      '20200101000000_platform_a',
      '20270101000000_platform_b',
      '20250101000000_own',
    ]);
  });

  it('refuses one name from two sources', () => {
    expect(() => combineMigrations([[m('20250101000000_x')], [m('20250101000000_x')]])).toThrow(/two sources/);
  });

  it('of no sources is no migration', () => {
    expect(combineMigrations([])).toEqual([]);
  });
});
