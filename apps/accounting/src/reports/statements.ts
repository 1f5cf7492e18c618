import type { AccountType } from '../accounts/system-accounts';

/** An account's base-currency movements over some span (from the daily balances). */
export interface AccountMovement {
  code: string;
  name: string;
  type: AccountType;
  baseDebit: bigint;
  baseCredit: bigint;
}

export interface StatementLine {
  code: string;
  name: string;
  amount: bigint;
}

/** Assets and expenses sit on the debit side; the rest on the credit side. */
export function naturalBalance(movement: Pick<AccountMovement, 'type' | 'baseDebit' | 'baseCredit'>): bigint {
  const net = movement.baseDebit - movement.baseCredit;
  return movement.type === 'asset' || movement.type === 'expense' ? net : -net;
}

function section(movements: readonly AccountMovement[], type: AccountType): { lines: StatementLine[]; total: bigint } {
  const lines = movements
    .filter((m) => m.type === type)
    .map((m) => ({ code: m.code, name: m.name, amount: naturalBalance(m) }))
    .filter((line) => line.amount !== 0n)
    .sort((a, b) => a.code.localeCompare(b.code));
  return { lines, total: lines.reduce((sum, line) => sum + line.amount, 0n) };
}

/** Income less expenses over the movements given. */
export function profitAndLoss(movements: readonly AccountMovement[]) {
  const income = section(movements, 'income');
  const expenses = section(movements, 'expense');
  return { income, expenses, netProfit: income.total - expenses.total };
}

/**
 * The balance sheet at a date from every movement up to it: assets = liabilities
 * + equity + current earnings (income less expenses not yet closed to equity).
 */
export function balanceSheet(movements: readonly AccountMovement[]) {
  const assets = section(movements, 'asset');
  const liabilities = section(movements, 'liability');
  const equity = section(movements, 'equity');
  const currentEarnings = profitAndLoss(movements).netProfit;
  return { assets, liabilities, equity, currentEarnings, balanced: assets.total === liabilities.total + equity.total + currentEarnings };
}
