/*
 * npm run bench:accounting — postings per second through the real accounting
 * service (built bundle, real identity tokens), directly over NATS and through the
 * gateway over HTTP, against a bare pg transaction that inserts the same entry and
 * lines in the same run; then the trial balance over a tenant holding 1,000,000
 * posted lines (target < 1 s).
 */
import { accountingV1, identityV1 } from '@ido/internal-api';
import { MessageBus } from '@ido/platform-messaging';
import { startBuiltService } from '@ido/platform-service-harness';
import { connectTestNats, databaseUrlOf, dropNamespaceDatabases, newTestNamespace } from '@ido/platform-testing';
import { Pool } from 'pg';
import { measure, report, type Sample } from './measure';

const operator = { email: 'ops@bench.test', password: 'benchmark operator passphrase' };
const millionLines = Number(process.env['BENCH_LINES'] ?? 1_000_000);

async function waitForSchema(pool: Pool, schema: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { rowCount } = await pool.query('SELECT 1 FROM information_schema.tables WHERE table_schema = $1 AND table_name = $2', [schema, 'journal_entry']);
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`schema ${schema} never appeared`);
}

/** A million posted lines in one go: drafts by generate_series, then one UPDATE posts them all (the trigger runs per entry). */
async function fillLedger(pool: Pool, schema: string, lines: number): Promise<number> {
  const entries = Math.ceil(lines / 10);
  const started = Date.now();
  await pool.query(`SET search_path TO ${schema}`);
  await pool.query(`
    INSERT INTO journal_entry (entry_date, period, memo, status, created_by)
    SELECT d, to_char(d, 'YYYY-MM'), 'bench-fill', 'draft', 'bench'
      FROM (SELECT date '2025-01-01' + (g % 365) AS d FROM generate_series(1, $1) g) days`, [entries]);
  await pool.query(`
    INSERT INTO journal_line (entry_id, line_no, account_code, currency, debit, credit, base_debit, base_credit)
    SELECT e.id, l, CASE WHEN l <= 5 THEN (ARRAY['1100','1200','5000','6100','6300'])[l] ELSE (ARRAY['4000','4100','4200','2200','2100'])[l - 5] END,
           'EUR', CASE WHEN l <= 5 THEN 100 + l ELSE 0 END, CASE WHEN l > 5 THEN 100 + l - 5 ELSE 0 END,
           CASE WHEN l <= 5 THEN 100 + l ELSE 0 END, CASE WHEN l > 5 THEN 100 + l - 5 ELSE 0 END
      FROM journal_entry e CROSS JOIN generate_series(1, 10) l WHERE e.memo = 'bench-fill'`);
  await pool.query(`UPDATE journal_entry SET status = 'posted', posted_at = now(), posted_by = 'bench' WHERE memo = 'bench-fill'`);
  await pool.query('RESET search_path');
  return (Date.now() - started) / 1000;
}

async function main(): Promise<void> {
  const namespace = newTestNamespace();
  const env = { IDO_PLATFORM_ADMIN_EMAIL: operator.email, IDO_PLATFORM_ADMIN_PASSWORD: operator.password, LOG_LEVEL: 'warn' };
  const identity = await startBuiltService('identity', { namespace, env: { ...env, LOG_LEVEL: 'info' } });
  const accounting = await startBuiltService('accounting', { namespace, env: { LOG_LEVEL: 'info' } });
  const gateway = await startBuiltService('gateway', { namespace, env: { LOG_LEVEL: 'info', GATEWAY_RATE_LIMIT_PER_SOURCE: '1000000', GATEWAY_RATE_LIMIT_PER_TENANT: '1000000' } });
  const nats = await connectTestNats();
  const bus = new MessageBus(() => nats, namespace);
  const admin = new Pool({ connectionString: databaseUrlOf(`${namespace}_accounting`), max: 4 });
  try {
    const ops = await bus.request(identityV1.authLogin, { tenant: 'platform', ...operator });
    const boss = { email: 'boss@bench.test', displayName: 'Boss', password: 'bench tenant admin passphrase' };
    await bus.request(identityV1.tenantCreate, { id: 'bench', name: 'Bench', modules: ['accounting'], admin: boss }, { authorization: `Bearer ${ops.accessToken}` });
    const { accessToken } = await bus.request(identityV1.authLogin, { tenant: 'bench', email: boss.email, password: boss.password });
    await waitForSchema(admin, 't_bench');
    const as = { authorization: `Bearer ${accessToken}` };
    let key = 0;
    const lines = [
      { accountCode: '1200', currency: 'EUR', debit: '12000' },
      { accountCode: '4000', currency: 'EUR', credit: '10000' },
      { accountCode: '2200', currency: 'EUR', credit: '2000' },
    ];
    const viaService = () => bus.request(accountingV1.journalEntryRecord, { idempotencyKey: `bench-key-${++key}`, date: '2026-06-15', memo: 'bench', lines }, as);
    const viaGateway = async () => {
      const response = await fetch(`${gateway.url}/v1/accounting/journal-entries`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: as.authorization },
        body: JSON.stringify({ idempotencyKey: `bench-key-${++key}`, date: '2026-06-15', memo: 'bench', lines }),
      });
      if (response.status !== 201) throw new Error(`gateway answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    };
    // The baseline: the same rows in one transaction over a bare pg pool, posting trigger included.
    const bare = new Pool({ connectionString: databaseUrlOf(`${namespace}_accounting`), max: 8, options: '-c search_path=t_bench' });
    const viaBarePg = async () => {
      const client = await bare.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query<{ id: string }>(`INSERT INTO journal_entry (entry_date, period, memo, status, created_by) VALUES ('2026-06-15', '2026-06', 'bare', 'draft', 'bench') RETURNING id`);
        const id = rows[0]?.id;
        await client.query(
          `INSERT INTO journal_line (entry_id, line_no, account_code, currency, debit, credit, base_debit, base_credit) VALUES
            ($1, 1, '1200', 'EUR', 12000, 0, 12000, 0), ($1, 2, '4000', 'EUR', 0, 10000, 0, 10000), ($1, 3, '2200', 'EUR', 0, 2000, 0, 2000)`,
          [id],
        );
        await client.query(`UPDATE journal_entry SET status = 'posted', posted_at = now(), posted_by = 'bench' WHERE id = $1`, [id]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    for (const call of [viaService, viaBarePg, viaGateway]) await measure('warm-up', '', 200, 8, call);
    const rows: Sample[] = [];
    for (const concurrency of [1, 8]) {
      rows.push(await measure('bare pg transaction (baseline)', `${concurrency} in flight`, 1_000, concurrency, viaBarePg));
      rows.push(await measure('record through the service (NATS)', `${concurrency} in flight`, 1_000, concurrency, viaService));
      rows.push(await measure('record through the gateway (HTTP)', `${concurrency} in flight`, 1_000, concurrency, viaGateway));
    }
    await bare.end();

    const fillSeconds = await fillLedger(admin, 't_bench', millionLines);
    const trial = await measure('trial balance over the filled ledger', `${millionLines} lines`, 20, 1, () => bus.request(accountingV1.trialBalance, { asOf: '2026-12-31' }, as));
    rows.push(trial);
    const ratios = [1, 8].map((c) => {
      const [base, service, gatewayed] = rows.filter((r) => r.mode === `${c} in flight`);
      const ratio = (r?: Sample) => Math.round(((r?.perSecond ?? 0) / (base?.perSecond ?? 1)) * 100) / 100;
      return { concurrency: c, serviceVsBarePg: ratio(service), gatewayVsBarePg: ratio(gatewayed) };
    });
    console.table(ratios);
    report('accounting', rows, { ratios, fillSeconds, lines: millionLines, target: 'trial balance < 1 s over 1,000,000 lines' });
  } finally {
    await admin.end();
    await nats.close();
    await gateway.stop();
    await accounting.stop();
    await identity.stop();
    await dropNamespaceDatabases(namespace);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
