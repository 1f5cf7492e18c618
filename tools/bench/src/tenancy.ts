import { databaseUrlOf, dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { ensureServiceDatabase, loadMigrations, MaintenanceDatabase, TenantClients } from '@ido/platform-tenancy';
import { join } from 'node:path';
import { Pool } from 'pg';
import { measure, report, workspaceRoot } from './measure';

/*
 * npm run bench:tenancy — provisioning + migration of N tenants by the migrator
 * (roles, grants, ledger, one transaction per file, bounded parallelism) against
 * plain SQL creating the same schemas in one round trip each, and a lookup-heavy
 * workload over 1,000 tenants through TenantClients capped at 50 connections.
 */
const scale = Number(process.env['BENCH_SCALE'] ?? 1);
const sizes = [10, 100, 1_000].map((n) => Math.max(2, Math.round(n * scale)));
const parallelism = 4;
const chunk = 100;
const migrations = loadMigrations(join(workspaceRoot, 'libs/platform/tenancy/tests/fixtures/migrations'));
const { databaseUrl } = infrastructureUrls();
const tenantsUpTo = (n: number) => Array.from({ length: n }, (_, i) => `tenant-${i}`);

async function inParallel<T>(items: T[], width: number, work: (item: T) => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/**
 * Both sides provision the same N tenants in alternating chunks of 100 (each chunk with
 * `parallelism` connections), so a checkpoint, autovacuum of the catalogs or a neighbour's
 * load falls on both alike; each side's time is the sum of its chunks.
 */
async function provisioningRun(namespace: string, n: number) {
  const [ourDatabase, plainDatabase] = [`${namespace}_m${n}`, `${namespace}_b${n}`];
  await ensureServiceDatabase(databaseUrl, ourDatabase);
  await ensureServiceDatabase(databaseUrl, plainDatabase);
  const maintenance = new MaintenanceDatabase({ url: databaseUrlOf(ourDatabase), databaseName: ourDatabase, migrations, roleSecret: 'bench', parallelism });
  const pool = new Pool({ connectionString: databaseUrlOf(plainDatabase), max: parallelism });
  const script = (schema: string) => `CREATE SCHEMA ${schema}; SET search_path TO ${schema}; ${migrations.map((m) => m.sql).join('\n')}`;
  const tenants = tenantsUpTo(n);
  let [ours, plain] = [0, 0];
  for (let from = 0; from < n; from += chunk) {
    const slice = tenants.slice(from, from + chunk);
    plain += await inParallel(slice, parallelism, (t) => pool.query(script(`t_${t.replaceAll('-', '_')}`)));
    ours += await inParallel(slice, parallelism, (t) => maintenance.provisionTenant(t));
  }
  await pool.end();
  return { ours, plain, maintenance, databaseName: ourDatabase };
}

async function main() {
  {
    const namespace = newTestNamespace();
    const provisioning = [];
    let largest: Awaited<ReturnType<typeof provisioningRun>> | undefined;
    try {
      for (const n of sizes) {
        const run = await provisioningRun(namespace, n);
        provisioning.push({
          tenants: n,
          migratorSeconds: round(run.ours),
          msPerTenant: round((run.ours * 1000) / n),
          plainSqlSeconds: round(run.plain),
          plainMsPerTenant: round((run.plain * 1000) / n),
          ratio: round(run.ours / run.plain),
        });
        if (n === sizes[sizes.length - 1]) largest = run;
        else await run.maintenance.close();
      }
      const lookups = largest ? await lookupWorkload(largest.databaseName, largest.maintenance, sizes[sizes.length - 1] as number) : [];
      report('tenancy', [...provisioning, ...lookups], {
        parallelism,
        alternatingChunksOf: chunk,
        migrationFiles: migrations.length,
        target: 'migrator within 1.5x of plain SQL at 1,000 tenants',
      });
      await largest?.maintenance.close();
    } finally {
      await dropNamespaceDatabases(namespace);
    }
  }
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});

async function lookupWorkload(databaseName: string, maintenance: MaintenanceDatabase, n: number) {
  const tenants = tenantsUpTo(n);
  await inParallel(tenants, 8, (t) =>
    maintenance.query(`INSERT INTO t_${t.replaceAll('-', '_')}.guard (name, email) VALUES ('Guard', 'g@${t}.test')`),
  );
  // BENCH_PER_TENANT=1 shows the other trade-off: twice the tenants fit under the cap.
  const perTenant = Number(process.env['BENCH_PER_TENANT'] ?? 2);
  const clients = new TenantClients({ url: databaseUrlOf(databaseName), databaseName, roleSecret: 'bench', perTenant, maxConnections: 50, idleMs: 60_000 });
  let peak = 0;
  const sampler = setInterval(async () => {
    const rows = await maintenance.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND usename LIKE 't\\_%\\_login'`,
      [databaseName],
    );
    peak = Math.max(peak, rows.rows[0]?.n ?? 0);
  }, 50);
  const lookup = (tenant: string) => () =>
    clients.use(tenant, (pool) => pool.query('SELECT id, name FROM guard WHERE email = $1', [`g@${tenant}.test`]));
  const random = (from: string[]) => from[Math.floor(Math.random() * from.length)] as string;
  const hot = tenants.slice(0, 20);
  const rows = [];
  try {
    // Skewed: 90% of lookups on 20 busy tenants, the rest spread over all 1,000.
    const skewed = await measure('lookups, 90% on 20 tenants', `${n} tenants, cap 50, ${perTenant}/tenant`, Math.round(20_000 * scale), 64, () =>
      lookup(Math.random() < 0.9 ? random(hot) : random(tenants))(),
    );
    const uniform = await measure('lookups, uniform', `${n} tenants, cap 50, ${perTenant}/tenant`, Math.round(5_000 * scale), 64, () => lookup(random(tenants))());
    rows.push({ ...skewed, poolsOpened: clients.stats.opened }, uniform);
  } finally {
    clearInterval(sampler);
    await clients.close();
  }
  return rows.map((r) => ({ ...r, peakConnections: peak }));
}

const round = (n: number) => Math.round(n * 100) / 100;
