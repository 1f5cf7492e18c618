/**
 * Amounts are integers in a currency's minor unit (cents, pence, fils), carried
 * as bigint in code and as decimal strings on the wire: never floats.
 */
export type MinorUnits = bigint;

/** ISO 4217 codes the ledger accepts, with their minor-unit exponent. */
export const currencies: Readonly<Record<string, number>> = Object.freeze({
  AED: 2, AUD: 2, BHD: 3, BRL: 2, CAD: 2, CHF: 2, CNY: 2, CZK: 2, DKK: 2, EUR: 2, GBP: 2, HKD: 2, HUF: 2,
  IDR: 2, ILS: 2, INR: 2, JOD: 3, JPY: 0, KRW: 0, KWD: 3, MXN: 2, MYR: 2, NOK: 2, NZD: 2, OMR: 3, PHP: 2,
  PLN: 2, QAR: 2, RON: 2, SAR: 2, SEK: 2, SGD: 2, THB: 2, TRY: 2, TWD: 2, USD: 2, ZAR: 2,
});

export function isCurrency(code: string): boolean {
  return Object.hasOwn(currencies, code);
}

export function exponentOf(currency: string): number {
  const exponent = currencies[currency];
  if (exponent === undefined) throw new RangeError(`unknown currency ${currency}`);
  return exponent;
}

const minorPattern = /^(0|[1-9][0-9]{0,17})$/;

/** A wire amount: a non-negative integer of minor units as a string (at most 18 digits). */
export function parseMinor(value: string): MinorUnits {
  if (!minorPattern.test(value)) throw new RangeError(`"${value}" is not a whole number of minor units`);
  return BigInt(value);
}

/** Formats minor units as a decimal in the currency's exponent: 123456 EUR → "1234.56". */
export function formatMajor(amount: MinorUnits, currency: string): string {
  const exponent = exponentOf(currency);
  const negative = amount < 0n;
  const digits = (negative ? -amount : amount).toString().padStart(exponent + 1, '0');
  const major = exponent ? `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : digits;
  return negative ? `-${major}` : major;
}

/**
 * Converts a transaction amount to the base currency at a rate given as a decimal
 * string (base per one transaction unit), rounding half away from zero in base minor units.
 */
export function convert(amount: MinorUnits, from: string, to: string, rate: string): MinorUnits {
  const match = /^(\d{1,12})(?:\.(\d{1,12}))?$/.exec(rate);
  if (!match) throw new RangeError(`"${rate}" is not a positive decimal rate`);
  const fraction = match[2] ?? '';
  const rateScaled = BigInt(`${match[1]}${fraction}`);
  if (rateScaled === 0n) throw new RangeError('rate must be positive');
  // amount × rate × 10^(to − from), with the rate's decimals folded into the divisor.
  const shift = exponentOf(to) - exponentOf(from) - fraction.length;
  const numerator = amount * rateScaled * 10n ** BigInt(Math.max(shift, 0));
  const denominator = 10n ** BigInt(Math.max(-shift, 0));
  return divideRounded(numerator, denominator);
}

function divideRounded(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}
