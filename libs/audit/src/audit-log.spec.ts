import { auditEvents } from '@ido/internal-api';
import { requestContext } from '@ido/platform-observability';
import { withActor } from '@ido/platform-tenancy';
import { outboxFixture } from '../tests/outbox-fixture';
import { assertAudited } from './audit-assertions';
import { AuditLog } from './audit-log';
import { DomainEvents } from './domain-events';
import { REDACTED } from './redaction';

type Fixture = Awaited<ReturnType<typeof outboxFixture>>;

const actor = { kind: 'user', id: 'u-1' } as const;
const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('audit.record in the business transaction', () => {
  let fx: Fixture;
  const audit = new AuditLog('sales');
  beforeAll(async () => {
    fx = await outboxFixture(['acme', 'umbrella']);
  });
  afterAll(() => fx.cleanup());

  const createWidget = (tenant: string, id: string, fail = false) =>
    fx.pools.use(tenant, (pool) =>
      withActor(pool, { id: actor.id, roles: [] }, async (tx) => {
        const after = { id, name: 'W', apiKey: 'sk_live_123' };
        await tx.query('INSERT INTO widget (id, name, api_key) VALUES ($1, $2, $3)', [id, after.name, after.apiKey]);
        await audit.record(tx, { tenant, actor, action: 'sales.widget.create', entity: { type: 'widget', id }, after });
        if (fail) throw new Error('business rule broke after the audit call');
      }),
    );

  it('writes one redacted record with request, trace and source, that the helper finds in one line', async () => {
    await requestContext.run({ requestId: 'req-1', traceparent }, () => createWidget('acme', 'w-1'));
    const record = await assertAudited(fx.pools, 'acme', { action: 'sales.widget.create', entity: { type: 'widget', id: 'w-1' }, actor });
    expect(record).toMatchObject({
      tenant: 'acme',
      before: null,
      after: { id: 'w-1', name: 'W', apiKey: REDACTED },
      requestId: 'req-1',
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      source: 'sales',
    });
    expect(Date.parse(record.occurredAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('leaves no outbox row (and no change) when the transaction rolls back', async () => {
    await expect(createWidget('acme', 'w-rolled-back', true)).rejects.toThrow(/business rule/);
    await expect(assertAudited(fx.pools, 'acme', { entity: { type: 'widget', id: 'w-rolled-back' } })).rejects.toThrow(/found 0/);
    const widgets = await fx.pools.use('acme', (pool) => pool.query(`SELECT 1 FROM widget WHERE id = 'w-rolled-back'`));
    expect(widgets.rowCount).toBe(0);
  });

  it("keeps each record in its own tenant's schema", async () => {
    await createWidget('umbrella', 'w-u');
    await assertAudited(fx.pools, 'umbrella', { entity: { type: 'widget', id: 'w-u' } });
    await expect(assertAudited(fx.pools, 'acme', { entity: { type: 'widget', id: 'w-u' } })).rejects.toThrow(/found 0/);
  });

  it('lets a tenant insert into its outbox but never edit or delete it', async () => {
    for (const sql of ['UPDATE ido_outbox SET sent_at = now()', 'DELETE FROM ido_outbox', 'TRUNCATE ido_outbox']) {
      await expect(fx.pools.use('acme', (pool) => pool.query(sql))).rejects.toThrow(/permission denied/);
    }
  });

  it('refuses a record that breaks the event contract, inside the transaction', async () => {
    const bad = fx.pools.use('acme', (pool) =>
      withActor(pool, { id: 'u-1', roles: [] }, (tx) => audit.record(tx, { tenant: 'acme', actor, action: 'not an action', entity: { type: 'widget', id: 'x' } })),
    );
    await expect(bad).rejects.toThrow(/<module>.<entity>.<verb>/);
  });

  it('writes through a Prisma-style transaction ($executeRawUnsafe) as well', async () => {
    await fx.pools.use('acme', (pool) =>
      withActor(pool, { id: 'u-1', roles: [] }, (client) => {
        const prismaTx = { $executeRawUnsafe: async (sql: string, ...values: unknown[]) => (await client.query(sql, values)).rowCount ?? 0 };
        return audit.record(prismaTx, { tenant: 'acme', actor, action: 'sales.widget.delete', entity: { type: 'widget', id: 'w-1' }, before: { id: 'w-1' } });
      }),
    );
    await assertAudited(fx.pools, 'acme', { action: 'sales.widget.delete', before: { id: 'w-1' }, after: null });
  });
});

describe('events.publish', () => {
  it('validates the payload by its contract and writes it under the event subject', async () => {
    const fx = await outboxFixture(['acme']);
    try {
      const events = new DomainEvents();
      const id = await fx.pools.use('acme', (pool) =>
        withActor(pool, { id: 'u-1', roles: [] }, (tx) => events.publish(tx, auditEvents.recorded, sampleRecord())),
      );
      const rows = await fx.pools.use('acme', (pool) => pool.query<{ subject: string }>('SELECT subject FROM ido_outbox WHERE id = $1', [id]));
      expect(rows.rows).toEqual([{ subject: 'events.audit.recorded.v1' }]);
    } finally {
      await fx.cleanup();
    }
  });
});

function sampleRecord() {
  return {
    id: crypto.randomUUID(),
    tenant: 'acme',
    actor,
    action: 'sales.widget.create',
    entity: { type: 'widget', id: 'w-9' },
    before: null,
    after: { name: 'W' },
    requestId: null,
    traceId: null,
    source: 'sales',
    occurredAt: new Date().toISOString(),
  };
}
