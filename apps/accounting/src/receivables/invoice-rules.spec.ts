import fc from 'fast-check';
import { agingBucket, invoiceTotals, priceLine, statusAfterSettlement } from './invoice-rules';

describe('receivables rules', () => {
  it('prices a guarding invoice to the cent', () => {
    // 168.5 hours at 24.75 with 20 % VAT; a flat alarm-response fee of 95.00 without VAT.
    const guarding = priceLine({ quantityMilli: 168_500n, unitPrice: 2475n, taxRateBp: 2000 });
    const response = priceLine({ quantityMilli: 1000n, unitPrice: 9500n, taxRateBp: 0 });
    expect(guarding).toEqual({ amount: 417038n, tax: 83408n });
    expect(invoiceTotals([guarding, response])).toEqual({ subtotal: 426538n, tax: 83408n, total: 509946n });
  });

  it('refuses impossible lines', () => {
    expect(() => priceLine({ quantityMilli: 0n, unitPrice: 1n, taxRateBp: 0 })).toThrow(/quantity/);
    expect(() => priceLine({ quantityMilli: 1n, unitPrice: -1n, taxRateBp: 0 })).toThrow(/unit price/);
    expect(() => priceLine({ quantityMilli: 1n, unitPrice: 1n, taxRateBp: 10_001 })).toThrow(/tax rate/);
  });

  it('moves an invoice through its statuses as it is settled', () => {
    expect([statusAfterSettlement(100n, 0n), statusAfterSettlement(100n, 40n), statusAfterSettlement(100n, 100n)]).toEqual(['issued', 'partially_paid', 'paid']);
    expect(() => statusAfterSettlement(100n, 101n)).toThrow();
  });

  it('ages by days past due', () => {
    expect(['2026-12-04', '2026-12-03', '2026-11-04', '2026-10-05', '2026-09-05', '2026-09-04'].map((due) => agingBucket(due, '2026-12-04'))).toEqual([
      'current', '1-30', '1-30', '31-60', '61-90', '90+',
    ]);
  });

  it('tax never exceeds the rate applied to the amount by more than half a minor unit', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 7n }), fc.bigInt({ min: 0n, max: 10n ** 7n }), fc.integer({ min: 0, max: 10_000 }), (q, p, bp) => {
        const { amount, tax } = priceLine({ quantityMilli: q, unitPrice: p, taxRateBp: bp });
        const exact = amount * BigInt(bp);
        return tax * 10_000n * 2n >= exact * 2n - 10_000n && tax * 10_000n * 2n <= exact * 2n + 10_000n;
      }),
    );
  });
});
