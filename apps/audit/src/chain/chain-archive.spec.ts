import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRecord, auditStoreFixture } from '../../tests/audit-store-fixture';
import { AuditArchive } from '../archive/month-archive';
import { EventsRepository } from '../events/events.repository';
import { monthPartition } from '../store/partitions';
import { ChainRepository } from './chain.repository';
import { ChainService } from './chain.service';

type Fixture = Awaited<ReturnType<typeof auditStoreFixture>>;

const now = new Date();
const oldMonth = monthPartition(new Date(Date.UTC(now.getUTCFullYear() - 2, now.getUTCMonth(), 1)));
const old = (tenant: string) => auditRecord(tenant, { occurredAt: new Date(oldMonth.from.getTime() + 86_400_000).toISOString() });

describe('chain verify after archiving', () => {
  let fx: Fixture;
  let dir: string;
  let chain: ChainService;
  const whole = { fromSeq: 1, limit: 10_000 };
  const tamper = (sql: string) =>
    fx.superuser(async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query(sql);
    });

  beforeAll(async () => {
    fx = await auditStoreFixture(['acme', 'umbrella', 'globex']);
    dir = await mkdtemp(join(tmpdir(), 'audit-archive-'));
    chain = new ChainService(new ChainRepository(fx.pools));
    // acme: 1 live, 2 archived, 3 live, 4 archived, 5 live; umbrella: 1 archived, 2 live; globex: 1-2 archived, 3 live.
    await fx.ledger.append([auditRecord('acme'), old('acme'), old('umbrella'), auditRecord('acme'), old('acme'), auditRecord('acme'), auditRecord('umbrella')]);
    await fx.ledger.append([old('globex'), old('globex'), auditRecord('globex')]);
    await tamper(`DELETE FROM audit.audit_events WHERE tenant_id = 'globex' AND seq = 2`);
    await new AuditArchive(fx.maintenance, { retentionMonths: 1, archiveDir: dir }).archiveDue(now);
  });
  afterAll(async () => {
    await fx.cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes over a range spanning archived seqs, whole or anchored on an archived one', async () => {
    expect(await chain.verify('acme', whole)).toEqual({ intact: true, checked: 5, fromSeq: 1, toSeq: 5, headSeq: 5, firstBreak: null });
    expect(await chain.verify('acme', { fromSeq: 3, limit: 1 })).toMatchObject({ intact: true, checked: 1, toSeq: 3 });
    expect(await chain.verify('acme', { fromSeq: 5, limit: 10 })).toMatchObject({ intact: true, checked: 1, toSeq: 5 });
    expect(await chain.verify('umbrella', whole)).toMatchObject({ intact: true, checked: 2 });
  });

  it('still reports as missing a row deleted before its month was archived', async () => {
    expect(await chain.verify('globex', whole)).toMatchObject({ intact: false, firstBreak: { seq: 2, id: null, reason: 'missing' } });
  });

  it('shows each tenant its own archived links and live rows only', async () => {
    const archivedSeen = await fx.pools.use('acme', (pool) => pool.query<{ tenant_id: string }>('SELECT DISTINCT tenant_id FROM audit.archived_links'));
    expect(archivedSeen.rows).toEqual([{ tenant_id: 'acme' }]);
    const events = new EventsRepository(fx.pools);
    expect((await events.page('acme', {}, 50)).map((r) => [r.tenant_id, Number(r.seq)])).toEqual([['acme', 5], ['acme', 3], ['acme', 1]]);
    expect((await events.page('umbrella', {}, 50)).map((r) => r.tenant_id)).toEqual(['umbrella']);
  });

  it('reports the live row after an archived link whose recorded hash was edited as unlinked', async () => {
    await tamper(`UPDATE audit.archived_links SET hash = repeat('b', 64) WHERE tenant_id = 'umbrella' AND seq = 1`);
    expect(await chain.verify('umbrella', whole)).toMatchObject({ intact: false, firstBreak: { seq: 2, reason: 'unlinked' } });
  });

  it('still reports a live row a superuser deleted as missing', async () => {
    await tamper(`DELETE FROM audit.audit_events WHERE tenant_id = 'acme' AND seq = 3`);
    expect(await chain.verify('acme', whole)).toMatchObject({ intact: false, firstBreak: { seq: 3, id: null, reason: 'missing' } });
    expect(await chain.verify('acme', { fromSeq: 4, limit: 2 })).toMatchObject({ intact: false, firstBreak: { seq: 3, reason: 'missing' } });
  });
});
