import { auditRecord, auditStoreFixture } from '../../tests/audit-store-fixture';
import { EventsRepository } from './events.repository';
import { EventsService } from './events.service';

type Fixture = Awaited<ReturnType<typeof auditStoreFixture>>;

describe('events list', () => {
  let fx: Fixture;
  let events: EventsService;
  const at = (minute: number) => new Date(Date.UTC(2026, 11, 4, 10, minute)).toISOString();
  beforeAll(async () => {
    fx = await auditStoreFixture(['acme', 'umbrella']);
    events = new EventsService(new EventsRepository(fx.pools));
    await fx.ledger.append([
      auditRecord('acme', { occurredAt: at(1), actor: { kind: 'user', id: 'alice' }, action: 'sales.lead.create', entity: { type: 'lead', id: 'l-1' } }),
      auditRecord('acme', { occurredAt: at(2), actor: { kind: 'user', id: 'bob' }, action: 'sales.lead.update', entity: { type: 'lead', id: 'l-1' } }),
      auditRecord('acme', { occurredAt: at(3), actor: { kind: 'service', id: 'billing' }, action: 'accounting.invoice.post', entity: { type: 'invoice', id: 'i-1' } }),
      auditRecord('acme', { occurredAt: at(3), actor: { kind: 'user', id: 'alice' }, action: 'sales.lead.update', entity: { type: 'lead', id: 'l-2' } }),
      auditRecord('umbrella', { occurredAt: at(4), actor: { kind: 'user', id: 'alice' } }),
    ]);
  });
  afterAll(() => fx.cleanup());

  const list = (tenant: string, request: Record<string, unknown> = {}) => events.list(tenant, { limit: 50, ...request });

  it("lists the tenant's records newest first, ties by seq, and nobody else's", async () => {
    const page = await list('acme');
    expect(page.items.map((e) => [e.occurredAt, e.seq])).toEqual([[at(3), 4], [at(3), 3], [at(2), 2], [at(1), 1]]);
    expect(page.nextCursor).toBeNull();
    expect((await list('umbrella')).items).toHaveLength(1);
  });

  it('filters by actor, action, entity and time range', async () => {
    expect((await list('acme', { actorId: 'alice' })).items.map((e) => e.seq)).toEqual([4, 1]);
    expect((await list('acme', { action: 'sales.lead.update' })).items.map((e) => e.seq)).toEqual([4, 2]);
    expect((await list('acme', { entityType: 'lead', entityId: 'l-1' })).items.map((e) => e.seq)).toEqual([2, 1]);
    expect((await list('acme', { from: at(2), to: at(3) })).items.map((e) => e.seq)).toEqual([2]);
  });

  it('pages with a cursor without gaps or repeats, ties included', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await list('acme', { limit: 1, cursor });
      seen.push(...page.items.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([4, 3, 2, 1]);
  });

  it('returns the record with its chain fields', async () => {
    const [newest] = (await list('acme', { limit: 1 })).items;
    expect(newest).toMatchObject({ seq: 4, actor: { kind: 'user', id: 'alice' }, source: 'sales', prevHash: expect.stringMatching(/^[0-9a-f]{64}$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
