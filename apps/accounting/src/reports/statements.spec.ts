import fc from 'fast-check';
import { accountTypes } from '../accounts/system-accounts';
import { type AccountMovement, balanceSheet, naturalBalance, profitAndLoss } from './statements';

const movement = (code: string, type: AccountMovement['type'], baseDebit: bigint, baseCredit: bigint): AccountMovement => ({ code, name: code, type, baseDebit, baseCredit });

describe('financial statements', () => {
  it('computes a hand-worked month to the cent', () => {
    // Invoice 1,200.00 incl. 200.00 VAT; paid 1,000.00; payroll 600.00 from the bank; owner put in 500.00.
    const movements = [
      movement('1100', 'asset', 100000n + 50000n, 60000n),
      movement('1200', 'asset', 120000n, 100000n),
      movement('2200', 'liability', 0n, 20000n),
      movement('3000', 'equity', 0n, 50000n),
      movement('4000', 'income', 0n, 100000n),
      movement('5000', 'expense', 60000n, 0n),
    ];
    expect(profitAndLoss(movements)).toMatchObject({ income: { total: 100000n }, expenses: { total: 60000n }, netProfit: 40000n });
    const sheet = balanceSheet(movements);
    expect([sheet.assets.total, sheet.liabilities.total, sheet.equity.total, sheet.currentEarnings]).toEqual([110000n, 20000n, 50000n, 40000n]);
    expect(sheet.balanced).toBe(true);
  });

  it('reads balances on their natural side', () => {
    expect(naturalBalance({ type: 'asset', baseDebit: 5n, baseCredit: 2n })).toBe(3n);
    expect(naturalBalance({ type: 'liability', baseDebit: 2n, baseCredit: 5n })).toBe(3n);
  });

  it('balances for any set of balanced entries (random data)', () => {
    const account = fc.record({ code: fc.stringMatching(/^[1-7][0-9]{3}$/), type: fc.constantFrom(...accountTypes) });
    const entry = fc.tuple(account, account, fc.bigInt({ min: 1n, max: 10n ** 12n }));
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const byCode = new Map<string, AccountMovement>();
        const touch = (a: { code: string; type: AccountMovement['type'] }) => {
          const key = `${a.code}:${a.type}`;
          const m = byCode.get(key) ?? movement(key, a.type, 0n, 0n);
          byCode.set(key, m);
          return m;
        };
        for (const [debit, credit, amount] of entries) {
          touch(debit).baseDebit += amount;
          touch(credit).baseCredit += amount;
        }
        return balanceSheet([...byCode.values()]).balanced;
      }),
    );
  });
});
