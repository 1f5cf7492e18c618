import fc from 'fast-check';
import { convert, exponentOf, formatMajor, isCurrency, parseMinor } from './money';

describe('money', () => {
  it('knows currencies and their exponents', () => {
    expect([exponentOf('EUR'), exponentOf('JPY'), exponentOf('KWD')]).toEqual([2, 0, 3]);
    expect(isCurrency('XXX')).toBe(false);
    expect(() => exponentOf('ABC')).toThrow(/unknown currency/);
  });

  it.each(['-1', '1.5', '1e3', '', ' 1', '01', '9999999999999999999'])('refuses %j as minor units', (value) => {
    expect(() => parseMinor(value)).toThrow(RangeError);
  });

  it('parses whole minor units exactly, beyond float precision', () => {
    expect(parseMinor('900719925474099312')).toBe(900719925474099312n);
    expect(parseMinor('0')).toBe(0n);
  });

  it('formats in the currency exponent', () => {
    expect(formatMajor(123456n, 'EUR')).toBe('1234.56');
    expect(formatMajor(5n, 'USD')).toBe('0.05');
    expect(formatMajor(-5n, 'KWD')).toBe('-0.005');
    expect(formatMajor(1500n, 'JPY')).toBe('1500');
  });

  it('converts with half-away-from-zero rounding across exponents', () => {
    expect(convert(10000n, 'USD', 'EUR', '0.92')).toBe(9200n);
    expect(convert(1n, 'USD', 'EUR', '0.5')).toBe(1n);
    expect(convert(12345n, 'JPY', 'EUR', '0.0061')).toBe(7530n);
    expect(convert(1000n, 'KWD', 'USD', '3.25')).toBe(325n);
    expect(() => convert(1n, 'USD', 'EUR', '0')).toThrow(/positive/);
    expect(() => convert(1n, 'USD', 'EUR', '-1')).toThrow(/decimal rate/);
  });

  it('converting at rate 1 between same-exponent currencies keeps the amount', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (amount) => convert(amount, 'USD', 'EUR', '1') === amount));
  });
});
