import { accountingV1 } from '@ido/internal-api';
import { accountingFixture, type AccountingFixture } from '../../tests/accounting-fixture';

/* Receivables end to end: every document posts its entry; the reports follow. */
describe('receivables', () => {
  let fx: AccountingFixture;
  let token: string;
  let customerId: string;

  beforeAll(async () => {
    fx = await accountingFixture();
    token = (await fx.tenant('acme')).token;
    customerId = (await fx.call(accountingV1.customerCreate, { name: 'Harbour Logistics', currency: 'EUR', paymentTermsDays: 30 }, token)).id;
  });
  afterAll(() => fx?.stop());

  const guardingInvoice = async (hours = '168500') => {
    const draft = await fx.call(
      accountingV1.invoiceDraft,
      {
        customerId,
        lines: [
          { description: 'Static guarding, November', quantityMilli: hours, unitPrice: '2475', taxRateBp: 2000 },
          { description: 'Alarm response', quantityMilli: '1000', unitPrice: '9500', taxRateBp: 0, revenueAccount: '4200' },
        ],
      },
      token,
    );
    return fx.call(accountingV1.invoiceIssue, { id: draft.id, issueDate: '2026-11-30' }, token);
  };

  it('issuing posts receivables against revenue and VAT, due by the customer terms', async () => {
    const invoice = await guardingInvoice();
    expect(invoice).toMatchObject({ status: 'issued', subtotal: '426538', tax: '83408', total: '509946', open: '509946', dueDate: '2026-12-30' });
    const entry = await fx.call(accountingV1.journalEntryGet, { id: invoice.issueEntryId ?? '' }, token);
    expect(entry.lines.map((l) => [l.accountCode, l.debit, l.credit])).toEqual([
      ['1200', '509946', '0'],
      ['4000', '0', '417038'],
      ['4200', '0', '9500'],
      ['2200', '0', '83408'],
    ]);
    expect(await fx.attempt(accountingV1.invoiceIssue, { id: invoice.id, issueDate: '2026-11-30' }, token)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('payments allocate to invoices: partially paid, then paid; overpaying an invoice is refused', async () => {
    const invoice = await guardingInvoice('10000');
    const total = BigInt(invoice.total);
    const first = await fx.call(accountingV1.paymentRecord, { customerId, date: '2026-12-05', amount: '10000', allocations: [{ invoiceId: invoice.id, amount: '10000' }] }, token);
    expect(first).toMatchObject({ unallocated: '0', allocations: [{ invoiceId: invoice.id, amount: '10000' }] });
    expect(await fx.call(accountingV1.invoiceGet, { id: invoice.id }, token)).toMatchObject({ status: 'partially_paid', open: (total - 10000n).toString() });
    const tooMuch = await fx.attempt(accountingV1.paymentRecord, { customerId, date: '2026-12-06', amount: total.toString(), allocations: [{ invoiceId: invoice.id, amount: total.toString() }] }, token);
    expect(tooMuch).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
    const rest = (total - 10000n).toString();
    const second = await fx.call(accountingV1.paymentRecord, { customerId, date: '2026-12-06', amount: (total - 10000n + 500n).toString(), allocations: [{ invoiceId: invoice.id, amount: rest }] }, token);
    expect(second.unallocated).toBe('500');
    expect(await fx.call(accountingV1.invoiceGet, { id: invoice.id }, token)).toMatchObject({ status: 'paid', open: '0' });
    expect(await fx.attempt(accountingV1.invoiceVoid, { id: invoice.id }, token)).toMatchObject({ ok: false, code: 'PRECONDITION_FAILED' });
  });

  it('a credit note reduces what is open, tax in proportion; voiding reverses an unsettled invoice', async () => {
    const invoice = await guardingInvoice('8000');
    const note = await fx.call(accountingV1.creditNoteIssue, { invoiceId: invoice.id, date: '2026-12-02', amount: '12000', reason: 'Missed patrol on 12 Nov' }, token);
    expect(note).toMatchObject({ amount: '12000' });
    expect(BigInt(note.tax)).toBe((12000n * BigInt(invoice.tax) * 2n + BigInt(invoice.total)) / (BigInt(invoice.total) * 2n));
    expect(await fx.call(accountingV1.invoiceGet, { id: invoice.id }, token)).toMatchObject({ status: 'partially_paid', open: (BigInt(invoice.total) - 12000n).toString() });

    const other = await guardingInvoice('1000');
    const voided = await fx.call(accountingV1.invoiceVoid, { id: other.id }, token);
    expect(voided).toMatchObject({ status: 'voided', open: '0' });
    expect(await fx.call(accountingV1.journalEntryGet, { id: other.issueEntryId ?? '' }, token)).toMatchObject({ reversedBy: expect.any(String) });
  });

  it('ages what is open and keeps the books balanced', async () => {
    const aged = await fx.call(accountingV1.agedReceivables, { asOf: '2027-02-15' }, token);
    const open = aged.totals.find((t) => t.currency === 'EUR');
    expect(open?.buckets['31-60']).toBe(open?.buckets.total);
    expect(aged.rows).toEqual([expect.objectContaining({ customerName: 'Harbour Logistics', currency: 'EUR' })]);
    const trial = await fx.call(accountingV1.trialBalance, { asOf: '2027-12-31' }, token);
    const receivable = trial.rows.find((r) => r.accountCode === '1200');
    // Receivables in the ledger = what is open on invoices + the unallocated 5.00 the customer has in credit.
    expect(BigInt(receivable?.balance ?? '0')).toBe(BigInt(open?.buckets.total ?? '0') - 500n);
    expect((await fx.call(accountingV1.balanceSheet, { asOf: '2027-12-31' }, token)).balanced).toBe(true);
  });
});
