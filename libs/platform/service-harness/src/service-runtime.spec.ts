import { Controller, Module } from '@nestjs/common';
import { Handles, IdoError, type MessageContract } from '@ido/platform-messaging';
import { requestContext } from '@ido/platform-observability';
import { headers } from 'nats';
import { z } from 'zod';
import { rawRequest } from '@ido/platform-testing';
import { startTestService, type TestService } from './test-service';

/*
 * The service runtime (NatsTransport + Nest wiring) as every service uses it,
 * exercised through a probe module over the real NATS server. It lives here
 * because the harness builds on platform-runtime, not the other way round.
 */
const contract = (verb: string, request: z.ZodType, reply: z.ZodType): MessageContract => ({
  subject: `probe.v1.case.${verb}`,
  request,
  reply,
  timeoutMs: 2_000,
});
const echo = contract(
  'echo',
  z.object({ text: z.string() }).strict(),
  z.object({ text: z.string(), tenant: z.string().optional(), requestId: z.string() }),
);
const refuse = contract('refuse', z.object({}), z.object({}));
const crash = contract('crash', z.object({}), z.object({}));
const misshape = contract('misshape', z.object({}), z.object({ count: z.number() }));
const slow = contract('slow', z.object({ ms: z.number() }), z.object({ waited: z.number() }));

@Controller()
class ProbeController {
  @Handles(echo)
  echo({ text }: { text: string }) {
    const context = requestContext.current();
    return { text, tenant: context?.tenant, requestId: context?.requestId };
  }

  @Handles(refuse)
  refuse() {
    throw new IdoError('CONFLICT', 'Already exists', { field: 'name' });
  }

  @Handles(crash)
  crash() {
    throw new Error('password=hunter2 at /srv/secret.ts:12');
  }

  @Handles(misshape)
  misshape() {
    return { count: 'many' };
  }

  @Handles(slow)
  async slow({ ms }: { ms: number }) {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return { waited: ms };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('service runtime over NATS', () => {
  let service: TestService;
  const call = (c: MessageContract, body: unknown, headers?: Record<string, string>) =>
    rawRequest(service.nats, service.subject(c.subject), body, headers);

  beforeAll(async () => {
    service = await startTestService({ name: 'sales', module: ProbeModule });
  });
  afterAll(async () => {
    await service?.stop();
  });

  it('replies with the validated payload and carries tenant and request id', async () => {
    const context = headers();
    context.set('ido-tenant', 'acme');
    context.set('ido-request-id', 'req-42');
    const reply = await service.nats.request(service.subject(echo.subject), JSON.stringify({ text: 'hi' }), { timeout: 2_000, headers: context });
    expect(reply.headers?.get('ido-status')).toBeUndefined();
    expect(JSON.parse(new TextDecoder().decode(reply.data))).toEqual({ text: 'hi', tenant: 'acme', requestId: 'req-42' });
  });

  it.each([
    ['a wrong type', { text: 42 }],
    ['a missing field', {}],
    ['an unknown field', { text: 'x', extra: true }],
  ])('answers VALIDATION_FAILED for %s', async (_case, body) => {
    const reply = await call(echo, body);
    expect(reply).toMatchObject({ status: 'error', body: { code: 'VALIDATION_FAILED', details: expect.any(Array) } });
  });

  it('answers VALIDATION_FAILED for a body that is not JSON', async () => {
    const reply = await service.nats.request(service.subject(echo.subject), new TextEncoder().encode('{nope'), { timeout: 2_000 });
    expect(JSON.parse(new TextDecoder().decode(reply.data))).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('passes a domain error through with its code and details', async () => {
    expect(await call(refuse, {})).toEqual({ status: 'error', body: { code: 'CONFLICT', message: 'Already exists', details: { field: 'name' } } });
  });

  it('hides the internals of an unexpected error', async () => {
    const reply = await call(crash, {});
    expect(reply).toEqual({ status: 'error', body: { code: 'INTERNAL', message: 'Internal error' } });
    expect(JSON.stringify(reply)).not.toMatch(/hunter2|secret\.ts/);
  });

  it('refuses to send a reply that breaks its own contract', async () => {
    expect(await call(misshape, {})).toEqual({ status: 'error', body: { code: 'INTERNAL', message: 'Internal error' } });
  });

  it('counts outcomes per subject', async () => {
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toMatch(/ido_nats_requests_total\{subject="probe\.v1\.case\.refuse",outcome="CONFLICT",service="sales"\} 1/);
    expect(metrics).toMatch(/ido_nats_requests_total\{subject="probe\.v1\.case\.crash",outcome="INTERNAL",service="sales"\} 1/);
  });
});

describe('service runtime shutdown', () => {
  it('finishes requests in flight before closing, then takes no more', async () => {
    const service = await startTestService({ name: 'sales', module: ProbeModule });
    const subject = service.subject(slow.subject);
    const inFlight = Array.from({ length: 5 }, () => rawRequest(service.nats, subject, { ms: 400 }));
    await new Promise((resolve) => setTimeout(resolve, 100));

    await service.app.close();

    const replies = await Promise.all(inFlight);
    expect(replies.map((r) => r.body)).toEqual(Array(5).fill({ waited: 400 }));
    await expect(rawRequest(service.nats, subject, { ms: 1 }, {}, 500)).rejects.toThrow(/503|no responders/i);
    await service.stop();
  });
});
