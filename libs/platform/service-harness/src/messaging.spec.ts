import { Controller, Inject, Module } from '@nestjs/common';
import { Handles, IdoError, type MessageContract, MessageBus } from '@ido/platform-messaging';
import { requestContext } from '@ido/platform-observability';
import { connectTestNats, newTestNamespace } from '@ido/platform-testing';
import { JSONCodec, headers as natsHeaders } from 'nats';
import { z } from 'zod';
import { startTestService, type TestService } from './test-service';

/*
 * The typed bus and @Handles over the real NATS server: two services talking,
 * timeouts, no responders, two major versions side by side, replicas sharing load.
 */
const seen = z.object({ requestId: z.string(), tenant: z.string().optional(), traceparent: z.string().optional(), token: z.string().optional() });
const whoAmI = { subject: 'ledger.v1.context.get', request: z.object({}).strict(), reply: seen, timeoutMs: 2_000 } satisfies MessageContract;
const relay = { subject: 'pipeline.v1.context.relay', request: z.object({}).strict(), reply: z.object({ downstream: seen }), timeoutMs: 2_000 };
const hang = { subject: 'ledger.v1.hang.run', request: z.object({}), reply: z.object({}), timeoutMs: 300 };
const priceV1 = { subject: 'ledger.v1.price.get', request: z.object({ sku: z.string() }), reply: z.object({ cents: z.number().int() }), timeoutMs: 2_000 };
const priceV2 = {
  subject: 'ledger.v2.price.get',
  request: z.object({ sku: z.string(), currency: z.string().length(3) }),
  reply: z.object({ amount: z.object({ minor: z.number().int(), currency: z.string() }) }),
  timeoutMs: 2_000,
};
const priceV3 = { ...priceV2, subject: 'ledger.v3.price.get' };
const whichReplica = { subject: 'ledger.v1.replica.get', request: z.object({ n: z.number() }), reply: z.object({ replica: z.string() }), timeoutMs: 2_000 };

@Controller()
class LedgerController {
  static replicaName = 'unnamed';
  readonly replica = LedgerController.replicaName;
  static handled: Array<{ replica: string; n: number }> = [];

  @Handles(whoAmI)
  whoAmI() {
    const context = requestContext.current();
    return { requestId: context?.requestId ?? '', tenant: context?.tenant, traceparent: context?.traceparent, token: context?.authorization };
  }

  @Handles(hang)
  hang() {
    return new Promise(() => undefined);
  }

  /** One handler class serving two major versions of one contract. */
  @Handles(priceV1)
  priceV1({ sku }: { sku: string }) {
    return { cents: this.priceOf(sku) };
  }

  @Handles(priceV2)
  priceV2({ sku, currency }: { sku: string; currency: string }) {
    return { amount: { minor: this.priceOf(sku), currency } };
  }

  @Handles(whichReplica)
  whichReplica({ n }: { n: number }) {
    LedgerController.handled.push({ replica: this.replica, n });
    return { replica: this.replica };
  }

  private priceOf(sku: string) {
    return sku.length * 100;
  }
}

@Controller()
class PipelineController {
  constructor(@Inject(MessageBus) private readonly bus: MessageBus) {}

  @Handles(relay)
  async relay() {
    return { downstream: await this.bus.request(whoAmI, {}) };
  }
}

@Module({ controllers: [LedgerController] })
class LedgerModule {}

@Module({ controllers: [PipelineController] })
class PipelineModule {}

describe('typed messaging between services', () => {
  const namespace = newTestNamespace();
  let ledger: TestService;
  let pipeline: TestService;
  let bus: MessageBus;

  beforeAll(async () => {
    ledger = await startTestService({ name: 'accounting', module: LedgerModule }, { namespace });
    pipeline = await startTestService({ name: 'sales', module: PipelineModule }, { namespace });
    bus = pipeline.app.get(MessageBus);
  });
  afterAll(async () => {
    await pipeline?.stop();
    await ledger?.stop();
  });

  it('propagates request id, tenant, trace and token through two services', async () => {
    const nats = pipeline.nats;
    const h = natsHeaders();
    h.set('ido-request-id', 'req-7');
    h.set('ido-tenant', 'acme');
    h.set('traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    h.set('authorization', 'Bearer t0ken');
    const reply = await nats.request(`${namespace}.${relay.subject}`, JSONCodec().encode({}), { timeout: 2_000, headers: h });
    expect(JSONCodec().decode(reply.data)).toEqual({
      downstream: { requestId: 'req-7', tenant: 'acme', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', token: 'Bearer t0ken' },
    });
  });

  it('sends explicit context when called outside a request', async () => {
    const reply = await bus.request(whoAmI, {}, { tenant: 'globex', requestId: 'r-1' });
    expect(reply).toEqual({ requestId: 'r-1', tenant: 'globex' });
  });

  it('refuses to send a request that breaks the contract', async () => {
    await expect(bus.request(priceV1, { sku: 42 } as never)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('serves two major versions side by side from one handler class', async () => {
    expect(await bus.request(priceV1, { sku: 'abc' })).toEqual({ cents: 300 });
    expect(await bus.request(priceV2, { sku: 'abc', currency: 'EUR' })).toEqual({ amount: { minor: 300, currency: 'EUR' } });
  });

  it('fails an unserved version at once with UNAVAILABLE, not a timeout', async () => {
    const started = Date.now();
    await expect(bus.request(priceV3, { sku: 'abc', currency: 'EUR' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    expect(Date.now() - started).toBeLessThan(250);
  });

  it('gives TIMEOUT within the contract timeout when a handler never replies', async () => {
    const started = Date.now();
    await expect(bus.request(hang, {})).rejects.toMatchObject({ code: 'TIMEOUT' });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(800);
  });

  it('rejects a reply that breaks the contract as INTERNAL', async () => {
    const nats = await connectTestNats();
    const impostor = { ...whoAmI, subject: 'impostor.v1.context.get' };
    nats.subscribe(`${namespace}.${impostor.subject}`, { callback: (_e, m) => m.respond(JSONCodec().encode({ requestId: 7 })) });
    await nats.flush();
    await expect(bus.request(impostor, {})).rejects.toMatchObject({ code: 'INTERNAL' });
    await nats.close();
  });

  it('carries a remote domain error as IdoError', async () => {
    const nats = await connectTestNats();
    const failing = { ...whoAmI, subject: 'failing.v1.context.get' };
    nats.subscribe(`${namespace}.${failing.subject}`, {
      callback: (_e, m) => {
        const h = natsHeaders();
        h.set('ido-status', 'error');
        m.respond(JSONCodec().encode({ code: 'NOT_FOUND', message: 'No such account', details: { code: '4000' } }), { headers: h });
      },
    });
    await nats.flush();
    const error = await bus.request(failing, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IdoError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No such account', details: { code: '4000' } });
    await nats.close();
  });
});

describe('replicas in one queue group', () => {
  it('share 1,000 requests, each handled exactly once', async () => {
    const namespace = newTestNamespace();
    LedgerController.handled = [];
    LedgerController.replicaName = 'a';
    const a = await startTestService({ name: 'accounting', module: LedgerModule }, { namespace });
    LedgerController.replicaName = 'b';
    const b = await startTestService({ name: 'accounting', module: LedgerModule }, { namespace });
    try {
      const bus = a.app.get(MessageBus);
      const replies = await Promise.all(Array.from({ length: 1_000 }, (_, n) => bus.request(whichReplica, { n })));
      const byReplica = { a: replies.filter((r) => r.replica === 'a').length, b: replies.filter((r) => r.replica === 'b').length };
      expect(byReplica.a + byReplica.b).toBe(1_000);
      expect(byReplica.a).toBeGreaterThan(100);
      expect(byReplica.b).toBeGreaterThan(100);
      expect(LedgerController.handled).toHaveLength(1_000);
      expect(new Set(LedgerController.handled.map((h) => h.n)).size).toBe(1_000);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});
