import { auditEvents } from '@ido/internal-api';
import { withActor } from '@ido/platform-tenancy';
import { connectTestNats, startPrivateNats } from '@ido/platform-testing';
import { connect, type NatsConnection } from 'nats';
import { Registry } from 'prom-client';
import { outboxFixture } from '../tests/outbox-fixture';
import { AuditLog } from './audit-log';
import { eventStreamName } from './event-stream';
import { OutboxRelay } from './outbox-relay';

type Fixture = Awaited<ReturnType<typeof outboxFixture>>;

const audit = new AuditLog('sales');

async function recordChanges(fx: Fixture, tenant: string, count: number, perTransaction = 50): Promise<void> {
  for (let done = 0; done < count; done += perTransaction) {
    await fx.pools.use(tenant, (pool) =>
      withActor(pool, { id: 'u-1', roles: [] }, async (tx) => {
        for (let i = done; i < Math.min(count, done + perTransaction); i++) {
          await audit.record(tx, { tenant, actor: { kind: 'user', id: 'u-1' }, action: 'sales.widget.create', entity: { type: 'widget', id: `w-${i}` } });
        }
      }),
    );
  }
}

/** Every message id in the stream (Nats-Msg-Id), read back with an ephemeral ordered consumer. */
async function streamMessageIds(nats: NatsConnection, namespace: string): Promise<string[]> {
  const stream = eventStreamName(namespace);
  const total = (await (await nats.jetstreamManager()).streams.info(stream)).state.messages;
  const consumer = await nats.jetstream().consumers.get(stream);
  const ids: string[] = [];
  if (!total) return ids;
  const messages = await consumer.consume();
  for await (const message of messages) {
    ids.push(message.headers?.get('Nats-Msg-Id') ?? '');
    if (ids.length === total) break;
  }
  return ids;
}

async function pendingRows(fx: Fixture): Promise<number> {
  const { rows } = await fx.maintenance.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM t_acme.ido_outbox WHERE sent_at IS NULL) + (SELECT count(*) FROM t_umbrella.ido_outbox WHERE sent_at IS NULL) AS n`,
  );
  return Number(rows[0]?.n);
}

describe('outbox relay', () => {
  let fx: Fixture;
  let nats: NatsConnection;
  beforeEach(async () => {
    fx = await outboxFixture(['acme', 'umbrella']);
    nats = await connectTestNats();
  });
  afterEach(async () => {
    await nats.close();
    await fx.cleanup();
  });

  it('publishes what was pending before it started (sweep), each row once, with Nats-Msg-Id = outbox id', async () => {
    await recordChanges(fx, 'acme', 120);
    await recordChanges(fx, 'umbrella', 30);
    const registry = new Registry();
    const relay = new OutboxRelay(fx.maintenance, () => nats, { namespace: fx.namespace, batchSize: 50 }, registry);
    await relay.start();
    try {
      await vi.waitFor(async () => expect(await pendingRows(fx)).toBe(0), { timeout: 10_000 });
      const outboxIds = (await fx.maintenance.query<{ id: string }>('SELECT id FROM t_acme.ido_outbox UNION ALL SELECT id FROM t_umbrella.ido_outbox')).rows.map((r) => r.id);
      expect((await streamMessageIds(nats, fx.namespace)).sort()).toEqual(outboxIds.sort());
      expect(await registry.getSingleMetricAsString('ido_outbox_published_total')).toMatch(/ido_outbox_published_total 150/);
    } finally {
      await relay.stop();
    }
  });

  it('is woken by the commit (NOTIFY), long before its next sweep', async () => {
    const relay = new OutboxRelay(fx.maintenance, () => nats, { namespace: fx.namespace, sweepMs: 60_000 });
    await relay.start();
    try {
      const started = Date.now();
      await recordChanges(fx, 'acme', 1);
      await vi.waitFor(async () => expect(await pendingRows(fx)).toBe(0), { timeout: 5_000, interval: 10 });
      expect(Date.now() - started).toBeLessThan(2_000);
      const message = await (await nats.jetstream().consumers.get(eventStreamName(fx.namespace))).next();
      expect(message?.subject).toBe(`${fx.namespace}.${auditEvents.recorded.subject}`);
      expect(message?.headers?.get('ido-tenant')).toBe('acme');
    } finally {
      await relay.stop();
    }
  });

  it('purges published rows once they are old enough, and never a pending one', async () => {
    await recordChanges(fx, 'acme', 3);
    const relay = new OutboxRelay(fx.maintenance, () => nats, { namespace: fx.namespace, keepSentMs: 60_000 });
    await fx.maintenance.query(`UPDATE t_acme.ido_outbox SET sent_at = now() - interval '2 minutes' WHERE id = (SELECT id FROM t_acme.ido_outbox ORDER BY created_at LIMIT 1)`);
    await fx.maintenance.query(`UPDATE t_acme.ido_outbox SET sent_at = now() WHERE sent_at IS NULL AND id = (SELECT id FROM t_acme.ido_outbox WHERE sent_at IS NULL ORDER BY created_at LIMIT 1)`);
    expect(await relay.purgeSent()).toBe(1);
    const left = await fx.maintenance.query<{ pending: number; sent: number }>(
      'SELECT count(*) FILTER (WHERE sent_at IS NULL)::int AS pending, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent FROM t_acme.ido_outbox',
    );
    expect(left.rows[0]).toEqual({ pending: 1, sent: 1 });
  });

  it('loses and duplicates nothing when its NATS server is killed and restarted mid-run', async () => {
    const server = await startPrivateNats();
    const relayNats = await connect({ servers: server.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
    const registry = new Registry();
    const relay = new OutboxRelay(fx.maintenance, () => relayNats, { namespace: fx.namespace, batchSize: 100, maxBackoffMs: 500 }, registry);
    await relay.start();
    try {
      const writing = Promise.all([recordChanges(fx, 'acme', 600, 20), recordChanges(fx, 'umbrella', 400, 20)]);
      await vi.waitFor(async () => expect(await registry.getSingleMetricAsString('ido_outbox_published_total')).not.toMatch(/total 0$/m));
      await server.kill();
      await new Promise((resolve) => setTimeout(resolve, 500));
      await server.start();
      await writing;
      await vi.waitFor(async () => expect(await pendingRows(fx)).toBe(0), { timeout: 20_000 });
      const ids = await streamMessageIds(relayNats, fx.namespace);
      expect(ids).toHaveLength(1_000);
      expect(new Set(ids).size).toBe(1_000);
      expect(await registry.getSingleMetricAsString('ido_outbox_relay_failures_total')).not.toMatch(/total 0$/m);
    } finally {
      await relay.stop();
      await relayNats.close();
      await server.dispose();
    }
  });
});
