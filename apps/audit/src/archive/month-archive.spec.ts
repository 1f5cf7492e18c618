import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRecord, auditStoreFixture } from '../../tests/audit-store-fixture';
import { canonicalJson } from '../chain/canonical-json';
import { linkHash } from '../chain/hash-chain';
import { monthPartition } from '../store/partitions';
import { AuditArchive } from './month-archive';

type Fixture = Awaited<ReturnType<typeof auditStoreFixture>>;

const now = new Date();
/** Two years ago: due with a retention of 1 month. */
const oldMonth = monthPartition(new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), 1)));
const oldLabel = oldMonth.from.toISOString().slice(0, 7);
const inOldMonth = (day: number) => new Date(oldMonth.from.getTime() + day * 86_400_000).toISOString();
const current = monthPartition(now);

interface ArchiveLine {
  tenant: string;
  seq: number;
  prevHash: string;
  hash: string;
  recordedAt: string;
  [field: string]: unknown;
}

const readLines = async (path: string) => (await readFile(path, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line) as ArchiveLine);
const sha256Of = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex');

describe('audit archive', () => {
  let fx: Fixture;
  let dir: string;
  let archive: AuditArchive;
  const rowCount = (sql: string) => fx.superuser(async (c) => Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`)).rows[0]?.n));

  beforeAll(async () => {
    fx = await auditStoreFixture(['acme', 'umbrella']);
    dir = await mkdtemp(join(tmpdir(), 'audit-archive-'));
    archive = new AuditArchive(fx.maintenance, { retentionMonths: 1, archiveDir: dir });
    // Chains by insertion order: the old month's records interleave with live ones.
    await fx.ledger.append([
      auditRecord('acme'),
      auditRecord('acme', { occurredAt: inOldMonth(3) }),
      auditRecord('umbrella', { occurredAt: inOldMonth(4) }),
      auditRecord('acme'),
      auditRecord('acme', { occurredAt: inOldMonth(20), after: { note: 'late one' } }),
      auditRecord('umbrella'),
    ]);
  });
  afterAll(async () => {
    await fx.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('archives the old month once when two replicas run at once', async () => {
    const replica = new AuditArchive(fx.maintenance, { retentionMonths: 1, archiveDir: dir });
    const results = (await Promise.all([archive.archiveDue(now), replica.archiveDue(now)])).flat();
    expect(results).toEqual([{ month: oldLabel, part: 1, file: `audit-${oldLabel}.jsonl`, records: 3, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it('exports one canonical record per line, by tenant then seq, each hash recomputable', async () => {
    const lines = await readLines(join(dir, `audit-${oldLabel}.jsonl`));
    expect(lines.map((l) => [l.tenant, l.seq])).toEqual([['acme', 2], ['acme', 4], ['umbrella', 1]]);
    for (const { prevHash, hash, recordedAt: _received, ...record } of lines) expect(linkHash(prevHash, record as never)).toBe(hash);
    for (const raw of (await readFile(join(dir, `audit-${oldLabel}.jsonl`), 'utf8')).trimEnd().split('\n')) expect(raw).toBe(canonicalJson(JSON.parse(raw)));
  });

  it("writes a manifest with each tenant's count, seqs and final hash, and the file's SHA-256", async () => {
    const file = join(dir, `audit-${oldLabel}.jsonl`);
    const lines = await readLines(file);
    const manifest = JSON.parse(await readFile(join(dir, `audit-${oldLabel}.manifest.json`), 'utf8'));
    expect(manifest).toEqual({
      month: oldLabel,
      part: 1,
      from: oldMonth.from.toISOString(),
      to: oldMonth.to.toISOString(),
      file: `audit-${oldLabel}.jsonl`,
      sha256: await sha256Of(file),
      records: 3,
      tenants: {
        acme: { count: 2, firstSeq: 2, lastSeq: 4, finalHash: lines[1]?.hash },
        umbrella: { count: 1, firstSeq: 1, lastSeq: 1, finalHash: lines[2]?.hash },
      },
    });
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('detaches the partition into the archive schema without deleting a row, and leaves the current month alone', async () => {
    expect(await rowCount(`audit_archive.${oldMonth.name}`)).toBe(3);
    expect(await rowCount(`pg_inherits WHERE inhrelid = to_regclass('audit_archive.${oldMonth.name}')`)).toBe(0);
    expect(await rowCount(`audit.${current.name}`)).toBe(3);
    expect(await rowCount('audit.audit_events')).toBe(3);
    expect(await rowCount(`audit.archived_links WHERE month = '${oldLabel}'`)).toBe(3);
  });

  it('keeps the archived rows append-only and out of every tenant role', async () => {
    await expect(fx.superuser((c) => c.query(`DELETE FROM audit_archive.${oldMonth.name}`))).rejects.toThrow(/append-only/);
    await expect(fx.superuser((c) => c.query(`TRUNCATE audit_archive.${oldMonth.name}`))).rejects.toThrow(/append-only/);
    await expect(fx.pools.use('acme', (pool) => pool.query(`SELECT * FROM audit_archive.${oldMonth.name}`))).rejects.toThrow(/permission denied/);
    await expect(fx.pools.use('acme', (pool) => pool.query(`DELETE FROM audit.archived_links`))).rejects.toThrow(/permission denied/);
  });

  it('does nothing on a rerun', async () => {
    const before = await stat(join(dir, `audit-${oldLabel}.jsonl`));
    expect(await archive.archiveDue(now)).toEqual([]);
    expect((await stat(join(dir, `audit-${oldLabel}.jsonl`))).mtimeMs).toBe(before.mtimeMs);
    expect(await rowCount(`audit_archive.${oldMonth.name}`)).toBe(3);
  });

  it('archives late records of an archived month as a further part, never over the first', async () => {
    const late = auditRecord('acme', { occurredAt: inOldMonth(25) });
    // The writer still believes the partition exists: the first try fails, the redelivery recreates it.
    await expect(fx.ledger.append([late])).rejects.toThrow(/no partition/);
    await fx.ledger.append([late]);
    expect(await archive.archiveDue(now)).toEqual([expect.objectContaining({ month: oldLabel, part: 2, file: `audit-${oldLabel}.part2.jsonl`, records: 1 })]);
    expect((await readLines(join(dir, `audit-${oldLabel}.part2.jsonl`))).map((l) => [l.tenant, l.seq])).toEqual([['acme', 5]]);
    expect(await rowCount(`audit_archive.${oldMonth.name}_p2`)).toBe(1);
    expect(await rowCount(`audit_archive.${oldMonth.name}`)).toBe(3);
  });
});

describe('audit archive after a crash', () => {
  it('exports again, with what arrived since, when the detach did not commit', async () => {
    const fx = await auditStoreFixture(['acme']);
    const dir = await mkdtemp(join(tmpdir(), 'audit-archive-'));
    const archive = new AuditArchive(fx.maintenance, { retentionMonths: 1, archiveDir: dir });
    const file = join(dir, `audit-${oldLabel}.jsonl`);
    try {
      await fx.ledger.append([auditRecord('acme', { occurredAt: inOldMonth(1) })]);
      // A table in the way makes the move fail after the export: the transaction rolls back as a crash would.
      await fx.superuser((c) => c.query(`CREATE TABLE audit_archive.${oldMonth.name} (blocker int)`));
      await expect(archive.archiveDue(now)).rejects.toThrow(/already exists/);
      expect(await readLines(file)).toHaveLength(1);
      const attached = await fx.superuser((c) => c.query(`SELECT 1 FROM pg_inherits WHERE inhrelid = 'audit.${oldMonth.name}'::regclass`));
      expect(attached.rowCount).toBe(1);

      await fx.ledger.append([auditRecord('acme', { occurredAt: inOldMonth(2) })]);
      await fx.superuser((c) => c.query(`DROP TABLE audit_archive.${oldMonth.name}`));
      expect(await archive.archiveDue(now)).toEqual([expect.objectContaining({ part: 1, records: 2 })]);
      const manifest = JSON.parse(await readFile(join(dir, `audit-${oldLabel}.manifest.json`), 'utf8'));
      expect(manifest).toMatchObject({ part: 1, records: 2, sha256: await sha256Of(file), tenants: { acme: { count: 2, firstSeq: 1, lastSeq: 2 } } });
      expect((await readLines(file)).map((l) => l.seq)).toEqual([1, 2]);
      const links = await fx.superuser((c) => c.query(`SELECT seq FROM audit.archived_links ORDER BY seq`));
      expect(links.rows.map((r) => Number(r.seq))).toEqual([1, 2]);
    } finally {
      await fx.cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
