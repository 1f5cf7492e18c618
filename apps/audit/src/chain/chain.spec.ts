import { auditRecord, auditStoreFixture } from '../../tests/audit-store-fixture';
import { ChainRepository } from './chain.repository';
import { ChainService } from './chain.service';

type Fixture = Awaited<ReturnType<typeof auditStoreFixture>>;

describe('chain verify', () => {
  let fx: Fixture;
  let chain: ChainService;
  beforeEach(async () => {
    fx = await auditStoreFixture(['acme', 'umbrella']);
    chain = new ChainService(new ChainRepository(fx.pools));
    await fx.ledger.append(Array.from({ length: 10 }, (_, i) => auditRecord('acme', { entity: { type: 'lead', id: `l-${i + 1}` } })));
    await fx.ledger.append([auditRecord('umbrella')]);
  });
  afterEach(() => fx.cleanup());

  /** What only someone with the server can do: disable the append-only triggers and edit. */
  const tamper = (sql: string) =>
    fx.superuser(async (c) => {
      await c.query('SET session_replication_role = replica');
      await c.query(sql);
    });

  it('reports an untouched chain intact, whole or in a range', async () => {
    expect(await chain.verify('acme', { fromSeq: 1, limit: 10_000 })).toEqual({ intact: true, checked: 10, fromSeq: 1, toSeq: 10, headSeq: 10, firstBreak: null });
    expect(await chain.verify('acme', { fromSeq: 4, limit: 3 })).toEqual({ intact: true, checked: 3, fromSeq: 4, toSeq: 6, headSeq: 10, firstBreak: null });
    expect(await chain.verify('acme', { fromSeq: 11, limit: 5 })).toMatchObject({ intact: true, checked: 0, toSeq: null });
  });

  it('reports the row a superuser edited as altered, and nothing before it', async () => {
    await tamper(`UPDATE audit.audit_events SET after = '{"stage":"lost"}' WHERE tenant_id = 'acme' AND seq = 7`);
    const id = (await fx.superuser((c) => c.query<{ id: string }>(`SELECT id FROM audit.audit_events WHERE tenant_id = 'acme' AND seq = 7`))).rows[0]?.id;
    expect(await chain.verify('acme', { fromSeq: 1, limit: 10_000 })).toMatchObject({ intact: false, firstBreak: { seq: 7, id, reason: 'altered' } });
    expect(await chain.verify('acme', { fromSeq: 1, limit: 6 })).toMatchObject({ intact: true });
    expect(await chain.verify('umbrella', { fromSeq: 1, limit: 10_000 })).toMatchObject({ intact: true });
  });

  it('reports a row a superuser deleted as missing, in the middle or at the end', async () => {
    await tamper(`DELETE FROM audit.audit_events WHERE tenant_id = 'acme' AND seq = 4`);
    expect(await chain.verify('acme', { fromSeq: 1, limit: 10_000 })).toMatchObject({ intact: false, firstBreak: { seq: 4, id: null, reason: 'missing' } });
    expect(await chain.verify('acme', { fromSeq: 5, limit: 10 })).toMatchObject({ intact: false, firstBreak: { seq: 4, reason: 'missing' } });
    await tamper(`DELETE FROM audit.audit_events WHERE tenant_id = 'umbrella' AND seq = 1`);
    expect(await chain.verify('umbrella', { fromSeq: 1, limit: 10_000 })).toMatchObject({ intact: false, firstBreak: { seq: 1, reason: 'missing' } });
  });

  it('reports a row re-hashed after an edit as the next one no longer linking to it', async () => {
    await tamper(`UPDATE audit.audit_events SET hash = repeat('a', 64) WHERE tenant_id = 'acme' AND seq = 3`);
    expect(await chain.verify('acme', { fromSeq: 1, limit: 10_000 })).toMatchObject({ firstBreak: { seq: 3, reason: 'altered' } });
  });
});
