import { accountingV1 } from '@ido/internal-api';
import { assertAudited } from '@ido/audit';
import { TenantClients } from '@ido/platform-tenancy';
import { accountingFixture, type AccountingFixture } from '../../tests/accounting-fixture';

/* The ledger through its NATS contracts, on the real Postgres, with real tokens from the real identity. */
describe('ledger', () => {
  let fx: AccountingFixture;
  let acme: Awaited<ReturnType<AccountingFixture['tenant']>>;

  beforeAll(async () => {
    fx = await accountingFixture();
    acme = await fx.tenant('acme');
  });
  afterAll(() => fx?.stop());

  const invoiceLines = (amount: string) => [
    { accountCode: '1200', currency: 'EUR', debit: amount },
    { accountCode: '4000', currency: 'EUR', credit: amount },
  ];
  const record = (key: string, date: string, amount = '12000', token = acme.token) =>
    fx.attempt(accountingV1.journalEntryRecord, { idempotencyKey: key, date, memo: 'Guarding, November', lines: invoiceLines(amount) }, token);

  it('takes a base currency before the first posting, and keeps it after', async () => {
    const gbp = await fx.tenant('brit-guard');
    expect(await fx.call(accountingV1.settingsGet, {}, gbp.token)).toEqual({ baseCurrency: 'EUR' });
    expect(await fx.call(accountingV1.settingsSet, { baseCurrency: 'GBP' }, gbp.token)).toEqual({ baseCurrency: 'GBP' });
    expect(await fx.attempt(accountingV1.settingsSet, { baseCurrency: 'XXX' }, gbp.token)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const entry = await fx.call(
      accountingV1.journalEntryRecord,
      { idempotencyKey: 'gbp-entry-000001', date: '2026-11-02', lines: [{ accountCode: '1100', currency: 'EUR', debit: '1000', rate: '0.86' }, { accountCode: '4000', currency: 'EUR', credit: '1000', rate: '0.86' }] },
      gbp.token,
    );
    expect(entry).toMatchObject({ baseCurrency: 'GBP', lines: [{ baseDebit: '860' }, { baseCredit: '860' }] });
    expect(await fx.attempt(accountingV1.settingsSet, { baseCurrency: 'USD' }, gbp.token)).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  });

  it('seeds a security firm chart of accounts for the tenant', async () => {
    const { items } = await fx.call(accountingV1.accountList, {}, acme.token);
    expect(items.map((a) => a.code)).toEqual(expect.arrayContaining(['1100', '1200', '2200', '4000', '5000', '7900']));
    expect(items.find((a) => a.code === '4000')).toMatchObject({ name: 'Revenue from guarding services', type: 'income', active: true });
  });

  it('records a balanced entry once per idempotency key', async () => {
    const first = await record('key-0001-abcdef', '2026-11-03');
    expect(first).toMatchObject({ ok: true, reply: { status: 'posted', period: '2026-11', baseCurrency: 'EUR', lines: [{ debit: '12000', baseDebit: '12000' }, { credit: '12000' }] } });
    const again = await record('key-0001-abcdef', '2026-11-03');
    expect(again.ok && first.ok && again.reply.id === first.reply.id).toBe(true);
    expect(await record('key-0001-abcdef', '2026-11-03', '99')).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('refuses unbalanced entries, bad amounts, unknown currencies and accounts with clear errors', async () => {
    const entry = (lines: unknown) => fx.attempt(accountingV1.journalEntryRecord, { idempotencyKey: `bad-${Math.random()}`, date: '2026-11-04', lines } as never, acme.token);
    expect(await entry([{ accountCode: '1200', currency: 'EUR', debit: '100' }, { accountCode: '4000', currency: 'EUR', credit: '99' }])).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      details: [{ problem: 'EUR: debits 100 ≠ credits 99' }],
    });
    for (const amount of ['-5', '1.5', '1e3', 5]) {
      expect(await entry([{ accountCode: '1200', currency: 'EUR', debit: amount }, { accountCode: '4000', currency: 'EUR', credit: '5' }])).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    }
    expect(await entry([{ accountCode: '1200', currency: 'XXX', debit: '5', rate: '1' }, { accountCode: '4000', currency: 'XXX', credit: '5', rate: '1' }])).toMatchObject({
      ok: false,
      details: expect.arrayContaining([expect.objectContaining({ problem: 'unknown currency XXX' })]),
    });
    expect(await entry([{ accountCode: '9999', currency: 'EUR', debit: '5' }, { accountCode: '4000', currency: 'EUR', credit: '5' }])).toMatchObject({
      ok: false,
      details: [{ line: 0, problem: 'account 9999 does not exist' }],
    });
  });

  it('posts a draft once; a posted entry cannot change, through the API or through SQL as the tenant', async () => {
    const draft = await fx.call(accountingV1.journalEntryDraft, { date: '2026-11-05', lines: invoiceLines('500') }, acme.token);
    expect(draft.status).toBe('draft');
    expect((await fx.call(accountingV1.journalEntryPost, { id: draft.id }, acme.token)).status).toBe('posted');
    expect(await fx.attempt(accountingV1.journalEntryPost, { id: draft.id }, acme.token)).toMatchObject({ ok: false, code: 'CONFLICT' });

    await fx.accounting.app.get<TenantClients<unknown>>(TenantClients).use('acme', async (_client, { pool }) => {
      await expect(pool.query(`UPDATE journal_entry SET memo = 'edited' WHERE id = $1`, [draft.id])).rejects.toThrow(/posted and cannot be changed/);
      await expect(pool.query(`UPDATE journal_line SET debit = 1 WHERE entry_id = $1`, [draft.id])).rejects.toThrow(/posted journal entry cannot be changed/);
      await expect(pool.query(`DELETE FROM journal_entry WHERE id = $1`, [draft.id])).rejects.toThrow(/posted and cannot be changed/);
      await expect(pool.query(`INSERT INTO journal_entry (entry_date, period, status, created_by, posted_at) VALUES ('2026-11-05', '2026-11', 'posted', 'x', now())`)).rejects.toThrow(/created as a draft/);
    });
  });

  it('reverses a posted entry once, linked to it', async () => {
    const posted = await record('key-0002-abcdef', '2026-11-10', '700');
    if (!posted.ok) throw new Error('not posted');
    const reversal = await fx.call(accountingV1.journalEntryReverse, { id: posted.reply.id }, acme.token);
    expect(reversal).toMatchObject({ reverses: posted.reply.id, date: '2026-11-10', lines: [{ accountCode: '1200', credit: '700' }, { accountCode: '4000', debit: '700' }] });
    expect(await fx.call(accountingV1.journalEntryGet, { id: posted.reply.id }, acme.token)).toMatchObject({ reversedBy: reversal.id });
    expect(await fx.attempt(accountingV1.journalEntryReverse, { id: posted.reply.id }, acme.token)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('a closed period takes no postings, and a reversal of its entries lands in the next open period', async () => {
    const october = await record('key-0003-abcdef', '2026-10-20', '300');
    if (!october.ok) throw new Error('not posted');
    expect(await fx.call(accountingV1.periodClose, { period: '2026-10' }, acme.token)).toMatchObject({ period: '2026-10', closed: true });
    expect(await record('key-0004-abcdef', '2026-10-21')).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED', details: { period: '2026-10' } });
    const reversal = await fx.call(accountingV1.journalEntryReverse, { id: october.reply.id }, acme.token);
    expect(reversal.date).toBe('2026-11-01');

    const clerk = await fx.user(acme.token, 'acme', 'clerk', ['accountant']);
    expect(await fx.attempt(accountingV1.periodReopen, { period: '2026-10' }, clerk)).toMatchObject({ ok: true });
    expect(await record('key-0005-abcdef', '2026-10-21', '1')).toMatchObject({ ok: true });
  });

  it('the trial balance sums to zero per currency', async () => {
    const report = await fx.call(accountingV1.trialBalance, { asOf: '2026-12-31' }, acme.token);
    expect(report.totals.every((t) => t.debit === t.credit)).toBe(true);
    expect(report.rows.reduce((sum, r) => sum + BigInt(r.balance), 0n)).toBe(0n);
    expect(report.rows.find((r) => r.accountCode === '1200')?.balance).toBe((12000n + 500n + 1n).toString());
  });

  it('audits every change in the same transaction, and nothing of a refused one', async () => {
    const tenants = fx.accounting.app.get<TenantClients<unknown>>(TenantClients);
    const posted = await record('key-audit-000001', '2026-11-15', '321');
    if (!posted.ok) throw new Error('not posted');
    const audit = await assertAudited(tenants, 'acme', { action: 'accounting.journal-entry.post', entity: { type: 'journal-entry', id: posted.reply.id } });
    expect(audit).toMatchObject({ source: 'accounting', after: { status: 'posted', lines: [{ debit: '321' }, { credit: '321' }] } });
    await fx.call(accountingV1.periodClose, { period: '2026-09' }, acme.token);
    await assertAudited(tenants, 'acme', { action: 'accounting.period.close', entity: { type: 'fiscal-period', id: '2026-09' } });
    const outboxRows = () => tenants.use('acme', async (_c, { pool }) => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ido_outbox')).rows[0]?.n);
    const before = await outboxRows();
    expect(await record('key-audit-000002', '2026-09-15', '654')).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
    expect(await outboxRows()).toBe(before);
  });

  it("keeps tenants' ledgers apart", async () => {
    const globex = await fx.tenant('globex');
    const acmeEntry = await record('key-0006-abcdef', '2026-11-12', '42');
    if (!acmeEntry.ok) throw new Error('not posted');
    expect(await fx.attempt(accountingV1.journalEntryGet, { id: acmeEntry.reply.id }, globex.token)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await fx.attempt(accountingV1.journalEntryReverse, { id: acmeEntry.reply.id }, globex.token)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await fx.call(accountingV1.trialBalance, { asOf: '2026-12-31' }, globex.token)).rows).toEqual([]);
    // Same idempotency key in another tenant is another entry.
    expect(await record('key-0006-abcdef', '2026-11-12', '42', globex.token)).toMatchObject({ ok: true });
  });

  it('a tenant without the module is refused', async () => {
    const initech = await fx.tenant('initech', []);
    expect(await fx.attempt(accountingV1.accountList, {}, initech.token)).toMatchObject({ ok: false, code: 'FORBIDDEN', details: { reason: 'MODULE_DISABLED' } });
  });
});
