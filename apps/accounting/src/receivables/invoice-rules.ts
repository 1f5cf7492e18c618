/*
 * Pure rules of receivables: invoice totals, what a payment or credit note leaves
 * open, an invoice's status, and aging buckets. Amounts are minor units (bigint).
 */

export interface InvoiceLineInput {
  /** Thousandths of a unit (1.5 hours = 1500), so hours and part-shifts need no floats. */
  quantityMilli: bigint;
  unitPrice: bigint;
  /** Basis points: 2000 = 20 %. */
  taxRateBp: number;
}

export interface PricedLine {
  amount: bigint;
  tax: bigint;
}

/** Half away from zero, for non-negative values. */
function roundDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/** Line amount = quantity × unit price, tax on each line, both rounded to the minor unit. */
export function priceLine(line: InvoiceLineInput): PricedLine {
  if (line.quantityMilli <= 0n) throw new RangeError('quantity must be positive');
  if (line.unitPrice < 0n) throw new RangeError('unit price cannot be negative');
  if (!Number.isInteger(line.taxRateBp) || line.taxRateBp < 0 || line.taxRateBp > 10_000) throw new RangeError('tax rate must be 0–10000 basis points');
  const amount = roundDiv(line.quantityMilli * line.unitPrice, 1000n);
  return { amount, tax: roundDiv(amount * BigInt(line.taxRateBp), 10_000n) };
}

export function invoiceTotals(lines: readonly PricedLine[]) {
  const subtotal = lines.reduce((sum, l) => sum + l.amount, 0n);
  const tax = lines.reduce((sum, l) => sum + l.tax, 0n);
  return { subtotal, tax, total: subtotal + tax };
}

export type InvoiceStatus = 'draft' | 'issued' | 'partially_paid' | 'paid' | 'voided';

/** What an issued invoice's settlements (payments and credit notes) make of it. */
export function statusAfterSettlement(total: bigint, settled: bigint): InvoiceStatus {
  if (settled < 0n || settled > total) throw new RangeError('settlements cannot exceed the invoice total');
  if (settled === 0n) return 'issued';
  return settled === total ? 'paid' : 'partially_paid';
}

export const agingBuckets = ['current', '1-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/** Days past due at `asOf` decide the bucket; not yet due is current. */
export function agingBucket(dueDate: string, asOf: string): AgingBucket {
  const days = Math.floor((Date.parse(`${asOf}T00:00:00Z`) - Date.parse(`${dueDate}T00:00:00Z`)) / 86_400_000);
  if (days <= 0) return 'current';
  if (days <= 30) return '1-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '90+';
}
