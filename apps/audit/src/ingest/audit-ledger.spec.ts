import { auditRecord, auditStoreFixture } from '../../tests/audit-store-fixture';
import { emptyChain, firstBreak } from '../chain/hash-chain';
import { type AuditRow, auditColumns, linkOf } from '../events/audit-row';
import { monthPartition } from '../store/partitions';
import { AuditLedger } from './audit-ledger';

type Fixture = Awaited<ReturnType<typeof auditStoreFixture>>;

async function chainOf(fx: Fixture, tenant: string) {
  const rows = await fx.superuser((c) => c.query<AuditRow>(`SELECT ${auditColumns} FROM audit.audit_events WHERE tenant_id = $1 ORDER BY seq`, [tenant]));
  return rows.rows.map(linkOf);
}

describe('audit ledger', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await auditStoreFixture(['acme', 'umbrella']);
  });
  afterAll(() => fx.cleanup());

  it('chains each tenant separately in insertion order, across batches', async () => {
    await fx.ledger.append([auditRecord('acme'), auditRecord('umbrella'), auditRecord('acme')]);
    await fx.ledger.append([auditRecord('acme', { entity: { type: 'lead', id: 'l-2' } })]);
    const acme = await chainOf(fx, 'acme');
    expect(acme.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(firstBreak(emptyChain, acme)).toBeUndefined();
    expect((await chainOf(fx, 'umbrella')).map((l) => l.seq)).toEqual([1]);
  });

  it('appends a redelivered record once, also when it comes twice in one batch', async () => {
    const record = auditRecord('acme');
    expect(await fx.ledger.append([record, record])).toEqual({ appended: 1, duplicates: 1 });
    expect(await fx.ledger.append([record])).toEqual({ appended: 0, duplicates: 1 });
    expect((await chainOf(fx, 'acme')).filter((l) => l.id === record.id)).toHaveLength(1);
  });

  it('keeps one intact chain when replicas append for the same tenant at once', async () => {
    const replica = new AuditLedger(fx.maintenance, fx.store);
    const batches = Array.from({ length: 10 }, () => Array.from({ length: 20 }, () => auditRecord('umbrella')));
    await Promise.all(batches.map((batch, i) => (i % 2 ? replica : fx.ledger).append(batch)));
    const chain = await chainOf(fx, 'umbrella');
    expect(chain).toHaveLength(201);
    expect(firstBreak(emptyChain, chain)).toBeUndefined();
  });

  it("puts a record in its month's partition, creating one for an old month on demand", async () => {
    const old = auditRecord('acme', { occurredAt: '2025-02-14T12:00:00.000Z' });
    await fx.ledger.append([old]);
    const where = await fx.superuser((c) => c.query<{ partition: string }>('SELECT tableoid::regclass::text AS partition FROM audit.audit_events WHERE id = $1', [old.id]));
    expect(where.rows[0]?.partition).toBe('audit.audit_events_y2025m02');
  });
});

describe('audit store', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await auditStoreFixture(['acme']);
    await fx.ledger.append([auditRecord('acme'), auditRecord('acme')]);
  });
  afterAll(() => fx.cleanup());

  it('has partitions for this month and the next two', async () => {
    const names = await fx.superuser((c) => c.query<{ name: string }>(`SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit.audit_events'::regclass`));
    const now = new Date();
    const expected = [0, 1, 2].map((i) => monthPartition(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1))).name);
    expect(names.rows.map((r) => r.name)).toEqual(expect.arrayContaining(expected));
  });

  it('prepares again without changes (every start, every replica)', async () => {
    await Promise.all([fx.store.prepare(), fx.store.prepare()]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the tenant role', async () => {
    for (const sql of ['UPDATE audit.audit_events SET action = $1', 'DELETE FROM audit.audit_events WHERE action <> $1', 'TRUNCATE audit.audit_events']) {
      const values = sql.includes('$1') ? ['x.y.z'] : [];
      await expect(fx.pools.use('acme', (pool) => pool.query(sql, values))).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the writer role the consumer runs as', async () => {
    for (const sql of ['UPDATE audit.audit_events SET action = action', 'DELETE FROM audit.audit_events', 'TRUNCATE audit.audit_events']) {
      await expect(fx.superuser(async (c) => {
        await c.query(`SET ROLE ${fx.store.writer}`);
        await c.query(sql);
      })).rejects.toThrow(/permission denied/);
    }
  });

  it('blocks changes by trigger even for a superuser (who bypasses grants and RLS), on the table and on a partition', async () => {
    const partition = `audit.${monthPartition(new Date()).name}`;
    for (const sql of ['UPDATE audit.audit_events SET action = action', 'DELETE FROM audit.audit_events', `DELETE FROM ${partition}`, 'TRUNCATE audit.audit_events', `TRUNCATE ${partition}`]) {
      await expect(fx.superuser((c) => c.query(sql))).rejects.toThrow(/append-only/);
    }
  });

  it("shows a tenant only its own rows, and a login without its role nothing", async () => {
    await fx.ledger.append([auditRecord('umbrella')]);
    const seen = await fx.pools.use('acme', (pool) => pool.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM audit.audit_events'));
    expect(seen.rows).toEqual([{ tenant_id: 'acme' }]);
    const afterReset = await fx.pools.use('acme', async (pool) => {
      const client = await pool.connect();
      try {
        await client.query('RESET ROLE');
        return (await client.query('SELECT count(*)::int AS n FROM audit.audit_events')).rows[0];
      } finally {
        client.release(true);
      }
    });
    expect(afterReset).toEqual({ n: 0 });
  });
});
