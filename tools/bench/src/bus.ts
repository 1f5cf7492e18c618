import { Controller, Module } from '@nestjs/common';
import { connectNats, Handles, MessageBus } from '@ido/platform-messaging';
import { startTestService } from '@ido/platform-service-harness';
import { infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { connect, headers as nh, type NatsConnection } from 'nats';
import { z } from 'zod';
import { measure, report, type Sample } from './measure';

/*
 * npm run bench:bus — request/reply over the real NATS server with a ~100 B
 * payload: our typed bus + @Handles (validation both ways, context headers,
 * metrics) against the raw `nats` client, serial and with 64 in flight:
 * throughput, and CPU time per request of this process.
 */
const echo = {
  subject: 'bench.v1.echo.run',
  request: z.object({ id: z.string(), note: z.string() }).strict(),
  reply: z.object({ id: z.string(), note: z.string() }).strict(),
  timeoutMs: 5_000,
};
const payload = { id: 'inv-000123', note: 'x'.repeat(70) };

type Run = Sample & { cpuUs: number };

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** The median round by throughput, with the median CPU time per request of all rounds. */
function median(runs: Run[]): Run {
  const perSecond = middle(runs.map((r) => r.perSecond));
  return { ...(runs.find((r) => r.perSecond === perSecond) as Run), cpuUs: middle(runs.map((r) => r.cpuUs)) };
}

/**
 * Client and handler both run in this process, so its CPU time per request is
 * the cost of the path; on a shared 2-core machine it moves far less than throughput.
 */
async function measureCpu(scenario: string, mode: string, total: number, concurrency: number, call: () => Promise<unknown>): Promise<Run> {
  const before = process.cpuUsage();
  const sample = await measure(scenario, mode, total, concurrency, call);
  const used = process.cpuUsage(before);
  return { ...sample, cpuUs: Math.round(((used.user + used.system) / total) * 10) / 10 };
}

@Controller()
class EchoController {
  @Handles(echo)
  run(request: { id: string; note: string }) {
    return request;
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

const scale = Number(process.env['BENCH_SCALE'] ?? 1);
const serialCount = Math.round(2_000 * scale);
const parallelCount = Math.round(20_000 * scale);
/** Modes run interleaved, round after round; each row is the median round (order and GC effects even out). */
const rounds = 5;

async function main() {
  {
    const namespace = newTestNamespace();
    const service = await startTestService({ name: 'sales', module: EchoModule }, { namespace });
    const connectClient = (noAsyncTraces: boolean) => connect({ servers: infrastructureUrls().natsUrl, noAsyncTraces });
    const rawServer = await connectClient(true);
    const rawSubject = `${namespace}.raw.echo`;
    rawServer.subscribe(rawSubject, { callback: (_e, m) => m.respond(m.data) });
    await rawServer.flush();
    const body = new TextEncoder().encode(JSON.stringify(payload));

    const tuned = await connectClient(true);
    const plain = await connectClient(false);
    // The bus on the connection every service uses (writes coalesced per event-loop turn, ADR 0002).
    const busClient = await connectNats({ servers: infrastructureUrls().natsUrl, noAsyncTraces: true });
    const bus = new MessageBus(() => busClient, namespace);

    const raw = (nc: NatsConnection) => () => nc.request(rawSubject, body, { timeout: 5_000 });
    // The design puts context in headers (request id, tenant…); this baseline pays for them too.
    const rawWithHeaders = () => {
      const h = nh();
      h.set('ido-request-id', 'Q2ZJ1VJ4J8DPOYX3RZ2K9D');
      h.set('ido-tenant', 'acme');
      return tuned.request(rawSubject, body, { timeout: 5_000, headers: h });
    };
    // Where the cost sits: each side of ours against a raw other side.
    const rawToTyped = () => tuned.request(`${namespace}.${echo.subject}`, body, { timeout: 5_000 });
    const rawEcho = { ...echo, subject: 'raw.echo' };
    const typedToRaw = () => bus.request(rawEcho, payload);
    const typed = () => bus.request(echo, payload);

    const modes = [
      ['raw nats (noAsyncTraces)', raw(tuned)],
      ['raw nats (default)', raw(plain)],
      ['raw nats + context headers', rawWithHeaders],
      ['typed bus + @Handles', typed],
      ['raw client -> @Handles', rawToTyped],
      ['typed bus -> raw responder', typedToRaw],
    ] as const;
    const only = process.env['BENCH_MODES'];
    const selected = only ? modes.filter(([label]) => label.includes(only)) : modes;
    // Warm every path first (JIT, and AsyncLocalStorage's promise hooks, which once on slow every promise).
    for (const [label, call] of selected) await measure('warm-up', label, 3_000, 64, call);
    const rows: Run[] = [];
    for (const [scenario, total, concurrency] of [['serial', serialCount, 1], ['64 in flight', parallelCount, 64]] as const) {
      const samples = new Map<string, Run[]>();
      for (let round = 0; round < rounds; round++) {
        for (const [label, call] of selected) samples.set(label, [...(samples.get(label) ?? []), await measureCpu(scenario, label, total, concurrency, call)]);
      }
      for (const [, runs] of samples) rows.push(median(runs));
    }
    const baseline = (scenario: string) => rows.find((r) => r.scenario === scenario && r.mode === 'raw nats (noAsyncTraces)');
    const round2 = (n: number) => Math.round(n * 100) / 100;
    // cpuRatio: the baseline's CPU per request over this mode's (above 1: cheaper than the raw client).
    const table = rows.map((r) => ({
      ...r,
      ratio: round2(r.perSecond / (baseline(r.scenario)?.perSecond ?? 1)),
      cpuRatio: round2((baseline(r.scenario)?.cpuUs ?? 0) / r.cpuUs),
    }));
    const typedRow64 = table.find((r) => r.scenario === '64 in flight' && r.mode === 'typed bus + @Handles');
    const withHeaders = table.find((r) => r.scenario === '64 in flight' && r.mode === 'raw nats + context headers')?.perSecond ?? 1;
    report('bus', table, {
      target: 'typed bus >= 0.85x tuned raw at 64 in flight',
      ratioAt64: typedRow64?.ratio,
      cpuRatioAt64: typedRow64?.cpuRatio,
      ratioAt64VsRawWithHeaders: round2((typedRow64?.perSecond ?? 0) / withHeaders),
      payloadBytes: body.length,
      rounds,
    });

    for (const nc of [tuned, plain, busClient, rawServer]) await nc.close();
    await service.stop();
  }
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
