/*
 * npm run bench:gateway — an authenticated read through the whole public path
 * (HTTP → gateway: rate limits, edge token check, validation → NATS → identity:
 * token check again, the tenant's Prisma client → Postgres) against a bare
 * Fastify + pg endpoint running the same query, in the same run, under
 * autocannon. Both services are the built bundles, run as production runs them.
 * BENCH_CPU_PROF=1 also writes CPU profiles of both to bench-reports/profiles/.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { connectTestNats, databaseUrlOf, dropNamespaceDatabases, freePort, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import pg from 'pg';
import { type CpuParts, cpuDuring } from './cpu-time';
import { startBareEndpoint } from './gateway-bare';
import { summariseProfile } from './cpu-profile';
import { type Load, type LoadResult, runLoad } from './gateway-load';
import { startBundle, stopBundle, until } from './bundles';
import { report, workspaceRoot } from './measure';

const operator = { email: 'ops@bench.test', password: 'benchmark operator passphrase' };
const admin = { email: 'boss@bench.test', displayName: 'Boss', password: 'bench tenant admin passphrase' };
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 8);
const rounds = 3;
/** Identity's default per-tenant pool (TENANT_POOL_PER_TENANT): the baseline gets as many connections. */
const poolSize = 2;

async function post(url: string, body: unknown, token?: string): Promise<unknown> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function get(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The tenant admin's access token, and its user id, through the gateway as a client would get them. */
async function signIn(gateway: string): Promise<{ token: string; userId: string }> {
  const ops = (await until(() => post(`${gateway}/v1/auth/login`, { tenant: 'platform', ...operator }), 30_000)) as { accessToken: string };
  // The gateway answers before it has loaded identity's access state and keys; wait for them.
  await until(() => get(`${gateway}/v1/auth/me`, ops.accessToken), 30_000);
  await post(`${gateway}/v1/platform/tenants`, { id: 'bench', name: 'Bench', modules: [], admin }, ops.accessToken);
  const { accessToken } = (await post(`${gateway}/v1/auth/login`, { tenant: 'bench', email: admin.email, password: admin.password })) as { accessToken: string };
  const me = (await get(`${gateway}/v1/auth/me`, accessToken)) as { user: { id: string } };
  return { token: accessToken, userId: me.user.id };
}

type Measured = LoadResult & { cpuUsPerRequest: Record<string, number> };
type Target = Omit<Load, 'connections' | 'seconds'> & { cpu: CpuParts };

function median(results: Measured[]): Measured {
  return [...results].sort((a, b) => a.requests.average - b.requests.average)[Math.floor(results.length / 2)] as Measured;
}

async function measured(target: Target): Promise<Measured> {
  const { result, cpuMs } = await cpuDuring(target.cpu, () => runLoad({ ...target, connections, seconds }));
  const perRequest = (ms: number) => Math.round((ms * 1000) / Math.max(1, result.requests.total));
  return { ...result, cpuUsPerRequest: Object.fromEntries(Object.entries(cpuMs).map(([part, ms]) => [part, perRequest(ms)])) };
}

/** Warm-up of each target, then interleaved rounds, so drift and GC hit both alike; the median round counts. */
async function compare(targets: Record<string, Target>): Promise<Record<string, Measured>> {
  for (const target of Object.values(targets)) await runLoad({ ...target, connections, seconds: 3 });
  const results: Record<string, Measured[]> = {};
  for (let round = 0; round < rounds; round++) {
    for (const [name, target] of Object.entries(targets)) (results[name] ??= []).push(await measured(target));
  }
  return Object.fromEntries(Object.entries(results).map(([name, runs]) => [name, median(runs)]));
}

/** Postgres backends serving a database whose login (or application name) matches a LIKE pattern. */
function backends(database: string, by: 'usename' | 'application_name', pattern: string): () => Promise<number[]> {
  return async () => {
    const client = new pg.Client({ connectionString: infrastructureUrls().databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1 AND ${by} LIKE $2`, [database, pattern]);
      return rows.map((row) => row.pid);
    } finally {
      await client.end();
    }
  };
}

function natsServer(): Promise<number[]> {
  const found = spawnSync('pgrep', ['-x', 'nats-server'], { encoding: 'utf8' }).stdout ?? '';
  return Promise.resolve(found.split('\n').filter(Boolean).map(Number));
}

async function main(): Promise<void> {
  const namespace = newTestNamespace();
  const { databaseUrl, natsUrl } = infrastructureUrls();
  const profileDir = process.env['BENCH_CPU_PROF'] ? join(workspaceRoot, 'bench-reports/profiles') : undefined;
  const port = await freePort();
  const shared = { IDO_NAMESPACE: namespace, DATABASE_URL: databaseUrl, NATS_URL: natsUrl };
  const identity = startBundle('identity', { ...shared, HTTP_PORT: '0', IDO_PLATFORM_ADMIN_EMAIL: operator.email, IDO_PLATFORM_ADMIN_PASSWORD: operator.password }, profileDir);
  const unlimited = { GATEWAY_RATE_LIMIT_PER_SOURCE: '1000000', GATEWAY_RATE_LIMIT_PER_TENANT: '1000000' };
  const gateway = startBundle('gateway', { ...shared, ...unlimited, HTTP_PORT: String(port), HTTP_HOST: '127.0.0.1' }, profileDir);
  let bare: Awaited<ReturnType<typeof startBareEndpoint>> | undefined;
  try {
    const base = `http://127.0.0.1:${port}`;
    const { token, userId } = await signIn(base);
    const identityDb = `${namespace}_identity`;
    bare = await startBareEndpoint(databaseUrlOf(identityDb), 't_bench', userId, poolSize);
    const results = await compare({
      'bare Fastify + pg': {
        url: bare.url,
        cpu: { node: () => Promise.resolve([process.pid]), postgres: backends(identityDb, 'application_name', 'bench-bare') },
      },
      'gateway → NATS → identity → Postgres': {
        url: `${base}/v1/auth/me`,
        headers: { authorization: `Bearer ${token}` },
        cpu: {
          gateway: () => Promise.resolve(gateway.pid ? [gateway.pid] : []),
          identity: () => Promise.resolve(identity.pid ? [identity.pid] : []),
          'nats-server': natsServer,
          postgres: backends(identityDb, 'usename', 't\\_bench\\_%'),
        },
      },
    });
    const rows = Object.entries(results).map(([target, r]) => ({
      target,
      perSecond: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      cpuUsPerRequest: Object.values(r.cpuUsPerRequest).reduce((sum, us) => sum + us, 0),
      cpuParts: Object.entries(r.cpuUsPerRequest).map(([part, us]) => `${part} ${us}`).join(', '),
    }));
    const [baseline, through] = rows as [(typeof rows)[number], (typeof rows)[number]];
    const ratios = {
      perSecond: round2(through.perSecond / baseline.perSecond),
      p50: round2(through.p50Ms / baseline.p50Ms),
      p99: round2(through.p99Ms / baseline.p99Ms),
      // The throughput a CPU-bound machine would give, whatever else runs on it.
      cpuPerRequest: round2(baseline.cpuUsPerRequest / through.cpuUsPerRequest),
    };
    console.table([ratios]);
    report('gateway', rows, { ratios, target: 0.5, connections, secondsPerRound: seconds, rounds, poolSize, cores: availableParallelism(), profiles: profileDir });
  } finally {
    await bare?.close();
    await Promise.all([stopBundle(gateway), stopBundle(identity)]);
    await dropIdempotencyBucket(namespace);
    await dropNamespaceDatabases(namespace);
  }
  if (profileDir) printProfiles(profileDir);
}

/** V8 writes the profiles as the services exit: where each process spent its CPU. */
function printProfiles(profileDir: string): void {
  for (const service of ['gateway', 'identity']) {
    const summary = summariseProfile(join(profileDir, `${service}.cpuprofile`));
    console.log(`\n${service}: ${summary.totalMs} ms of CPU samples`);
    console.table(summary.byOwner);
    console.table(summary.byFunction);
  }
}

async function dropIdempotencyBucket(namespace: string): Promise<void> {
  const nats = await connectTestNats();
  await (await nats.jetstreamManager()).streams.delete(`KV_${namespace}_gateway_idempotency`).catch(() => undefined);
  await nats.close();
}

const round2 = (n: number) => Math.round(n * 100) / 100;

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
