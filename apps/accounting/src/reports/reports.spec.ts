import fc from 'fast-check';
import { accountingV1 } from '@ido/internal-api';
import { accountingFixture, type AccountingFixture } from '../../tests/accounting-fixture';

/* Reports against hand-computed figures, and the ledger's invariants under random postings. */
describe('accounting reports', () => {
  let fx: AccountingFixture;
  let token: string;
  let key = 0;

  beforeAll(async () => {
    fx = await accountingFixture();
    token = (await fx.tenant('acme')).token;
  });
  afterAll(() => fx?.stop());

  type Line = { accountCode: string; currency: string; debit?: string; credit?: string; rate?: string };
  const post = (date: string, lines: Line[], memo = '') =>
    fx.call(accountingV1.journalEntryRecord, { idempotencyKey: `entry-${++key}-of-this-run`, date, memo, lines }, token);

  it('match a hand-worked month to the cent', async () => {
    // Owner puts in 500.00; invoice 1,200.00 incl. 200.00 VAT; 1,000.00 received; payroll 600.00; a USD patrol fee 110.00 at 0.9.
    await post('2026-03-01', [{ accountCode: '1100', currency: 'EUR', debit: '50000' }, { accountCode: '3000', currency: 'EUR', credit: '50000' }]);
    await post('2026-03-05', [
      { accountCode: '1200', currency: 'EUR', debit: '120000' },
      { accountCode: '4000', currency: 'EUR', credit: '100000' },
      { accountCode: '2200', currency: 'EUR', credit: '20000' },
    ]);
    await post('2026-03-20', [{ accountCode: '1100', currency: 'EUR', debit: '100000' }, { accountCode: '1200', currency: 'EUR', credit: '100000' }]);
    await post('2026-03-28', [{ accountCode: '5000', currency: 'EUR', debit: '60000' }, { accountCode: '1100', currency: 'EUR', credit: '60000' }]);
    await post('2026-03-30', [
      { accountCode: '1200', currency: 'USD', debit: '11000', rate: '0.9' },
      { accountCode: '4100', currency: 'USD', credit: '11000', rate: '0.9' },
    ]);

    const pl = await fx.call(accountingV1.profitAndLoss, { from: '2026-03-01', to: '2026-03-31' }, token);
    expect(pl).toMatchObject({ baseCurrency: 'EUR', income: { total: '109900' }, expenses: { total: '60000' }, netProfit: '49900' });
    const sheet = await fx.call(accountingV1.balanceSheet, { asOf: '2026-03-31' }, token);
    expect(sheet).toMatchObject({ assets: { total: '119900' }, liabilities: { total: '20000' }, equity: { total: '50000' }, currentEarnings: '49900', balanced: true });
    expect(sheet.assets.lines).toEqual([
      { code: '1100', name: 'Bank', amount: '90000' },
      { code: '1200', name: 'Accounts receivable', amount: '29900' },
    ]);

    const ledger = await fx.call(accountingV1.generalLedger, { accountCode: '1100', from: '2026-03-02', to: '2026-03-31' }, token);
    expect(ledger).toMatchObject({ openingBalance: '50000', closingBalance: '90000' });
    expect(ledger.lines.map((l) => [l.date, l.debit, l.credit, l.balance])).toEqual([
      ['2026-03-20', '100000', '0', '150000'],
      ['2026-03-28', '0', '60000', '90000'],
    ]);
    const trial = await fx.call(accountingV1.trialBalance, { asOf: '2026-03-31' }, token);
    expect(trial.totals).toEqual([
      { currency: 'EUR', debit: '330000', credit: '330000' },
      { currency: 'USD', debit: '11000', credit: '11000' },
    ]);
  });

  it('for any sequence of valid postings and reversals, the trial balance is zero per currency and the balance sheet balances', async () => {
    const codes = ['1010', '1100', '1200', '1500', '2100', '2200', '3000', '4000', '4200', '5000', '6100', '6300'];
    const line = fc.record({ accountCode: fc.constantFrom(...codes), amount: fc.bigInt({ min: 1n, max: 10n ** 9n }) });
    const entry = fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      currency: fc.constantFrom('EUR', 'USD', 'JPY'),
      rate: fc.constantFrom('0.9', '1.0731', '0.0061'),
      debits: fc.array(line, { minLength: 1, maxLength: 3 }),
      credit: fc.constantFrom(...codes),
      reverse: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 5 }), async (entries) => {
        for (const e of entries) {
          const rate = e.currency === 'EUR' ? undefined : e.rate;
          const total = e.debits.reduce((sum, d) => sum + d.amount, 0n);
          const posted = await post(`2026-05-${String(e.day).padStart(2, '0')}`, [
            ...e.debits.map((d) => ({ accountCode: d.accountCode, currency: e.currency, debit: d.amount.toString(), rate })),
            { accountCode: e.credit, currency: e.currency, credit: total.toString(), rate },
          ]);
          if (e.reverse) await fx.call(accountingV1.journalEntryReverse, { id: posted.id }, token);
        }
        const trial = await fx.call(accountingV1.trialBalance, { asOf: '2026-12-31' }, token);
        const sheet = await fx.call(accountingV1.balanceSheet, { asOf: '2026-12-31' }, token);
        return trial.totals.every((t) => t.debit === t.credit) && sheet.balanced;
      }),
      { numRuns: 12 },
    );
  });
});
