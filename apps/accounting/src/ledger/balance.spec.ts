import fc from 'fast-check';
import { balanceEntry, type EntryLine, reversalOf, UnbalancedEntry } from './balance';

const context = { baseCurrency: 'EUR', exchangeDifferenceAccount: '7900' };
const line = (accountCode: string, debit: bigint, credit: bigint, currency = 'EUR', rate?: string): EntryLine => ({ accountCode, currency, debit, credit, rate });

function problemsOf(lines: EntryLine[]): string[] {
  try {
    balanceEntry(lines, context);
    return [];
  } catch (error) {
    if (!(error instanceof UnbalancedEntry)) throw error;
    return error.problems.map((p) => p.problem);
  }
}

describe('balancing a journal entry', () => {
  it('accepts a balanced entry and carries base amounts', () => {
    const lines = balanceEntry([line('1200', 12000n, 0n), line('4000', 0n, 10000n), line('2200', 0n, 2000n)], context);
    expect(lines.map((l) => [l.accountCode, l.baseDebit, l.baseCredit])).toEqual([['1200', 12000n, 0n], ['4000', 0n, 10000n], ['2200', 0n, 2000n]]);
  });

  it('refuses unbalanced entries, naming the currency', () => {
    expect(problemsOf([line('1200', 100n, 0n), line('4000', 0n, 99n)])).toEqual(['EUR: debits 100 ≠ credits 99']);
  });

  it('refuses a single line, a line with both or neither side, a negative amount, an unknown currency', () => {
    expect(problemsOf([line('1200', 100n, 0n)])).toContain('an entry has at least two lines');
    expect(problemsOf([line('1200', 100n, 100n), line('4000', 0n, 0n)])).toEqual([
      'needs exactly one of debit and credit, positive',
      'needs exactly one of debit and credit, positive',
    ]);
    expect(problemsOf([line('1200', -5n, 0n), line('4000', 0n, -5n)])).toContain('amounts cannot be negative');
    expect(problemsOf([line('1200', 1n, 0n, 'XXX', '1'), line('4000', 0n, 1n, 'XXX', '1')])).toContain('unknown currency XXX');
  });

  it('needs a rate on foreign lines and balances each currency separately', () => {
    expect(problemsOf([line('1210', 100n, 0n, 'USD'), line('4000', 0n, 100n, 'USD')])).toContain('a USD line needs its rate to EUR');
    // USD balanced in USD, EUR balanced in EUR: fine even though they are different accounts.
    const lines = balanceEntry([line('1210', 10000n, 0n, 'USD', '0.92'), line('4000', 0n, 10000n, 'USD', '0.92'), line('1200', 500n, 0n), line('4100', 0n, 500n)], context);
    expect(lines).toHaveLength(4);
  });

  it('books rounding between rates to the exchange-difference account', () => {
    const lines = balanceEntry([line('1210', 1n, 0n, 'USD', '0.5'), line('1220', 0n, 1n, 'USD', '0.4')], context);
    expect(lines.at(-1)).toMatchObject({ accountCode: '7900', currency: 'EUR', debit: 0n, credit: 0n, baseDebit: 0n, baseCredit: 1n });
  });

  it('for any balanced foreign entry the base amounts balance after the difference line, and the reversal cancels it', () => {
    const amount = fc.bigInt({ min: 1n, max: 10n ** 12n });
    const rate = fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 0, max: 9999 })).map(([a, b]) => `${a}.${b}`);
    fc.assert(
      fc.property(fc.array(fc.tuple(amount, rate), { minLength: 1, maxLength: 6 }), rate, (debits, creditRate) => {
        const total = debits.reduce((sum, [a]) => sum + a, 0n);
        const lines = balanceEntry([...debits.map(([a, r]) => line('1210', a, 0n, 'USD', r)), line('2100', 0n, total, 'USD', creditRate)], context);
        const net = (ls: typeof lines) => ls.reduce((sum, l) => sum + l.baseDebit - l.baseCredit, 0n);
        return net(lines) === 0n && net(reversalOf(lines)) === 0n && net([...lines, ...reversalOf(lines)]) === 0n;
      }),
    );
  });
});
