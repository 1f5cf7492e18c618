import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { AuditLog, OutboxRelay, outboxMigration } from '@ido/audit';
import { ensureServiceDatabase, MaintenanceDatabase, TenantClients, withActor } from '@ido/platform-tenancy';
import { databaseUrlOf, dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { connectNats } from '@ido/platform-messaging';
import { Client, type Pool } from 'pg';
import { startBundle, stopBundle } from './bundles';
import { summariseProfile } from './cpu-profile';
import { report, workspaceRoot } from './measure';

/*
 * npm run bench:audit — the audit pipeline as production runs it: audited changes
 * committed to tenant outboxes, the relay (in this process) publishing to JetStream,
 * the built audit service (a process) consuming into the partitioned, hash-chained log.
 *  - drain: a backlog of N records waiting in the outboxes (audit was down) → log; events/s.
 *  - steady: writers committing at a fixed rate for a while; lag commit → audit row (p50/p99).
 *  - baseline, same run: the same rows inserted straight into an unpartitioned, unchained
 *    table, 1,000 per statement — the floor the pipeline is measured against.
 */
const scale = Number(process.env['BENCH_SCALE'] ?? 1);
const backlog = Math.round(50_000 * scale);
const steadyRates = [1_000, 5_000].map((r) => Math.round(r * scale));
const steadySeconds = 10;
const tenants = Array.from({ length: 10 }, (_, i) => `tenant-${i}`);
const { databaseUrl, natsUrl } = infrastructureUrls();
const audit = new AuditLog('sales');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Commits `count` audited changes for one tenant, `perTransaction` to a commit. */
async function change(pools: TenantClients<Pool>, tenant: string, count: number, perTransaction: number): Promise<void> {
  for (let done = 0; done < count; done += perTransaction) {
    await pools.use(tenant, (pool) =>
      withActor(pool, { id: 'u-1', roles: [] }, async (tx) => {
        for (let i = done; i < Math.min(count, done + perTransaction); i++) {
          await audit.record(tx, { tenant, actor: { kind: 'user', id: 'u-1' }, action: 'sales.lead.update', entity: { type: 'lead', id: `l-${i}` }, before: { stage: 'new' }, after: { stage: 'won', amount: i } });
        }
      }),
    );
  }
}


async function connectWhenCreated(url: string): Promise<Client> {
  for (let attempt = 0; ; attempt++) {
    const client = new Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1 FROM audit.audit_events LIMIT 1');
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (attempt > 300) throw error;
      await sleep(100);
    }
  }
}

const count = async (log: Client) => (await log.query<{ n: number }>('SELECT count(*)::int AS n FROM audit.audit_events')).rows[0]?.n ?? 0;

async function waitForCount(log: Client, expected: number): Promise<void> {
  while ((await count(log)) < expected) await sleep(20);
}

async function lagSince(log: Client, since: Date) {
  const { rows } = await log.query<{ p50: number; p99: number; max: number; n: number }>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) * 1000 AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) * 1000 AS p99,
            max(lag) * 1000 AS max, count(*)::int AS n
       FROM (SELECT extract(epoch FROM recorded_at - occurred_at) AS lag FROM audit.audit_events WHERE occurred_at >= $1) l`,
    [since],
  );
  return rows[0];
}

async function chainsIntact(log: Client): Promise<boolean> {
  const { rows } = await log.query<{ gaps: number }>(
    `SELECT count(*)::int AS gaps FROM (SELECT tenant_id, count(*) AS n, max(seq) AS top FROM audit.audit_events GROUP BY tenant_id) c WHERE n <> top`,
  );
  return rows[0]?.gaps === 0;
}

async function baseline(namespace: string, rows: number): Promise<number> {
  const name = `${namespace}_baseline`;
  await ensureServiceDatabase(databaseUrl, name);
  const client = new Client({ connectionString: databaseUrlOf(name) });
  await client.connect();
  await client.query(`CREATE TABLE events (id uuid PRIMARY KEY, tenant_id text, occurred_at timestamptz, body jsonb)`);
  const body = { actor: { kind: 'user', id: 'u-1' }, action: 'sales.lead.update', before: { stage: 'new' }, after: { stage: 'won', amount: 1 } };
  const started = process.hrtime.bigint();
  for (let done = 0; done < rows; done += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, rows - done) }, () => ({ id: crypto.randomUUID(), tenant_id: 'tenant-0', occurred_at: new Date().toISOString(), body }));
    await client.query(`INSERT INTO events SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, tenant_id text, occurred_at timestamptz, body jsonb)`, [JSON.stringify(batch)]);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.end();
  return Math.round(rows / seconds);
}

/** BENCH_CPU_PROF=1: the audit service runs under --cpu-prof; its profile is summarised at the end. */
const profileDir = process.env['BENCH_CPU_PROF'] ? join(workspaceRoot, 'bench-reports/profiles') : undefined;

async function main() {
  const namespace = newTestNamespace();
  const salesDb = `${namespace}_sales`;
  await ensureServiceDatabase(databaseUrl, salesDb);
  const roleSecret = `bench-${namespace}`;
  const maintenance = new MaintenanceDatabase({ url: databaseUrlOf(salesDb), databaseName: salesDb, migrations: [outboxMigration], roleSecret });
  const pools = new TenantClients<Pool>({ url: databaseUrlOf(salesDb), databaseName: salesDb, roleSecret, perTenant: 2, maxConnections: 40, idleMs: 60_000 });
  // The relay's connection as a service makes it (NatsTransport: coalesced writes, no async traces).
  const nats = await connectNats({ servers: natsUrl, noAsyncTraces: true });
  const relay = new OutboxRelay(maintenance, () => nats, { namespace });
  let service: ChildProcess | undefined;
  let log: Client | undefined;
  const rows: object[] = [];
  try {
    for (const tenant of tenants) await maintenance.provisionTenant(tenant);

    // Drain: the backlog is committed while relay and audit are down, then both start.
    await Promise.all(tenants.map((t) => change(pools, t, backlog / tenants.length, 500)));
    service = startBundle('audit', { IDO_NAMESPACE: namespace, DATABASE_URL: databaseUrl, NATS_URL: natsUrl, HTTP_PORT: '0', LOG_LEVEL: 'error' }, profileDir);
    log = await connectWhenCreated(databaseUrlOf(`${namespace}_audit`));
    const started = process.hrtime.bigint();
    await relay.start();
    const relayed = (async () => {
      const pendingSql = tenants.map((t) => `SELECT count(*) AS n FROM t_${t.replaceAll('-', '_')}.ido_outbox WHERE sent_at IS NULL`).join(' UNION ALL ');
      while ((await maintenance.query<{ n: string }>(pendingSql)).rows.some((r) => r.n !== '0')) await sleep(20);
      return Number(process.hrtime.bigint() - started) / 1e9;
    })();
    await waitForCount(log, backlog);
    const drainSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    rows.push({ scenario: 'drain backlog: relay alone (outbox → JetStream)', events: backlog, perSecond: Math.round(backlog / (await relayed)), p50Ms: null, p99Ms: null });
    rows.push({ scenario: 'drain backlog: end to end (outbox → relay → JetStream → audit log)', events: backlog, perSecond: Math.round(backlog / drainSeconds), p50Ms: null, p99Ms: null });

    // Steady: each rate for a while, 10 changes per commit, spread over the tenants.
    for (const rate of steadyRates) {
      const since = new Date();
      const before = await count(log);
      const total = rate * steadySeconds;
      const perTenantPerTick = Math.max(1, Math.round(rate / 10 / tenants.length));
      const ticks = Math.ceil(total / (perTenantPerTick * tenants.length));
      const t0 = Date.now();
      for (let tick = 0; tick < ticks; tick++) {
        await Promise.all(tenants.map((t) => change(pools, t, perTenantPerTick, 10)));
        const ahead = t0 + ((tick + 1) * 1000) / 10 - Date.now();
        if (ahead > 0) await sleep(ahead);
      }
      const written = ticks * perTenantPerTick * tenants.length;
      const offeredSeconds = (Date.now() - t0) / 1000;
      await waitForCount(log, before + written);
      const lag = await lagSince(log, since);
      rows.push({
        scenario: `steady ${rate}/s offered (${Math.round(written / offeredSeconds)}/s achieved by writers)`,
        events: written,
        perSecond: Math.round(written / offeredSeconds),
        p50Ms: Math.round(lag?.p50 ?? 0),
        p99Ms: Math.round(lag?.p99 ?? 0),
      });
    }
    const intact = await chainsIntact(log);
    rows.push({ scenario: 'baseline: plain INSERT 1,000 rows/statement, no chain, no partitions', events: backlog, perSecond: await baseline(namespace, backlog), p50Ms: null, p99Ms: null });
    report('audit', rows, { tenants: tenants.length, chainsIntact: intact });
  } finally {
    await relay.stop();
    await nats.close();
    await log?.end();
    if (service) await stopBundle(service);
    await pools.close();
    await maintenance.close();
    await dropNamespaceDatabases(namespace);
  }
  if (profileDir) {
    const summary = summariseProfile(join(profileDir, 'audit.cpuprofile'));
    console.log(`audit: ${summary.totalMs} ms of CPU samples`);
    console.table(summary.byOwner);
    console.table(summary.byFunction);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
