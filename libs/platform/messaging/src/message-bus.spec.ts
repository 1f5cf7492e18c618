import { connectTestNats, newTestNamespace, startPrivateNats } from '@ido/platform-testing';
import { connect, type Msg, type NatsConnection } from 'nats';
import { z } from 'zod';
import { MessageBus } from './message-bus';
import { CoalescingTransport, connectNats } from './nats-connection';

/*
 * The bus's own request/reply (one inbox subscription per connection, one
 * timer) against raw responders; the service-level behaviour is covered in
 * service-harness/messaging.spec.ts.
 */
const echo = (subject: string, timeoutMs = 2_000) => ({
  subject,
  request: z.object({ n: z.number() }),
  reply: z.object({ n: z.number() }),
  timeoutMs,
});

describe('MessageBus request/reply', () => {
  const namespace = newTestNamespace();
  let client: NatsConnection;
  let responder: NatsConnection;
  let bus: MessageBus;

  beforeAll(async () => {
    client = await connectTestNats();
    responder = await connectTestNats();
    bus = new MessageBus(() => client, namespace);
  });
  afterAll(async () => {
    await client?.close();
    await responder?.close();
  });

  it('matches 1,000 concurrent calls with their replies, answered out of order', async () => {
    const held: Msg[] = [];
    responder.subscribe(`${namespace}.shuffle.v1.echo.run`, {
      callback: (_e, m) => {
        held.push(m);
        if (held.length === 1_000) for (const message of held.reverse()) message.respond(message.data);
      },
    });
    await responder.flush();
    const replies = await Promise.all(Array.from({ length: 1_000 }, (_, n) => bus.request(echo('shuffle.v1.echo.run'), { n })));
    expect(replies.map((r) => r.n)).toEqual(Array.from({ length: 1_000 }, (_, n) => n));
  });

  it('times a short call out on time while a longer one is pending, and ignores its late reply', async () => {
    let late: Msg | undefined;
    responder.subscribe(`${namespace}.late.v1.echo.run`, { callback: (_e, m) => (late = m) });
    await responder.flush();
    const long = bus.request(echo('late.v1.echo.run', 1_000), { n: 1 }).catch((e: unknown) => e);
    const started = Date.now();
    await expect(bus.request(echo('late.v1.echo.run', 200), { n: 2 })).rejects.toMatchObject({ code: 'TIMEOUT' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(600);
    late?.respond(late.data); // the reply to the call that timed out
    responder.subscribe(`${namespace}.after.v1.echo.run`, { callback: (_e, m) => m.respond(m.data) });
    await responder.flush();
    expect(await bus.request(echo('after.v1.echo.run'), { n: 3 })).toEqual({ n: 3 });
    await expect(long).resolves.toMatchObject({ code: 'TIMEOUT' });
  });

  it('fails calls in flight with UNAVAILABLE when the connection closes, and calls after it', async () => {
    const own = await connectTestNats();
    const ownBus = new MessageBus(() => own, namespace);
    responder.subscribe(`${namespace}.silent.v1.echo.run`, { callback: () => undefined });
    await responder.flush();
    const inFlight = ownBus.request(echo('silent.v1.echo.run', 10_000), { n: 1 });
    await own.flush();
    const started = Date.now();
    await own.close();
    await expect(inFlight).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(ownBus.request(echo('silent.v1.echo.run'), { n: 2 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});

describe('MessageBus on a connectNats connection, across a NATS restart', () => {
  it('coalesces its writes, and gets replies again once the connection is back (nats.js re-subscribes the inbox)', async () => {
    const nats = await startPrivateNats();
    const options = { servers: nats.url, maxReconnectAttempts: -1, reconnectTimeWait: 100 };
    const responder = await connect(options);
    const client = await connectNats(options);
    // Which transport nats.js dialled: internal, but the coalescing must survive a reconnect.
    const transportOf = (connection: NatsConnection) => (connection as unknown as { protocol: { transport: unknown } }).protocol.transport;
    try {
      responder.subscribe('restart.echo.v1.echo.run', { callback: (_e, m) => m.respond(m.data) });
      await responder.flush();
      const bus = new MessageBus(() => client, 'restart');
      expect(transportOf(client)).toBeInstanceOf(CoalescingTransport);
      expect(await bus.request(echo('echo.v1.echo.run'), { n: 7 })).toEqual({ n: 7 });
      const replies = await Promise.all(Array.from({ length: 200 }, (_, n) => bus.request(echo('echo.v1.echo.run'), { n })));
      expect(replies.map((r) => r.n)).toEqual(Array.from({ length: 200 }, (_, n) => n));
      const reconnected = Promise.all([client, responder].map(reconnectOf));
      await nats.kill();
      await nats.start();
      await reconnected;
      await Promise.all([client.flush(), responder.flush()]);
      expect(transportOf(client)).toBeInstanceOf(CoalescingTransport);
      expect(await bus.request(echo('echo.v1.echo.run'), { n: 8 })).toEqual({ n: 8 });
    } finally {
      await client.close();
      await responder.close();
      await nats.dispose();
    }
  });
});

async function reconnectOf(connection: NatsConnection): Promise<void> {
  for await (const status of connection.status()) if (status.type === 'reconnect') return;
}
