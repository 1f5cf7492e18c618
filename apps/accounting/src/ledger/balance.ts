import { convert, isCurrency, type MinorUnits } from './money';

/** One side of one line: exactly one of debit and credit is positive. */
export interface EntryLine {
  accountCode: string;
  currency: string;
  debit: MinorUnits;
  credit: MinorUnits;
  /** Base-currency per one unit of `currency`; absent when `currency` is the base currency. */
  rate?: string;
  memo?: string;
}

/** A line as posted: its amount in the tenant's base currency too. */
export interface BalancedLine extends EntryLine {
  baseDebit: MinorUnits;
  baseCredit: MinorUnits;
}

export interface LedgerContext {
  baseCurrency: string;
  /** Where rounding differences between currencies go (an income/expense account). */
  exchangeDifferenceAccount: string;
}

export class UnbalancedEntry extends Error {
  constructor(
    message: string,
    readonly problems: Array<{ line?: number; problem: string }>,
  ) {
    super(message);
    this.name = 'UnbalancedEntry';
  }
}

/** Checks every line alone: positive on exactly one side, a known currency, a rate when foreign. */
function lineProblems(line: EntryLine, index: number, context: LedgerContext): Array<{ line: number; problem: string }> {
  const problems: string[] = [];
  if ((line.debit > 0n) === (line.credit > 0n)) problems.push('needs exactly one of debit and credit, positive');
  if (line.debit < 0n || line.credit < 0n) problems.push('amounts cannot be negative');
  if (!isCurrency(line.currency)) problems.push(`unknown currency ${line.currency}`);
  if (line.currency !== context.baseCurrency && !line.rate) problems.push(`a ${line.currency} line needs its rate to ${context.baseCurrency}`);
  if (line.currency === context.baseCurrency && line.rate !== undefined && line.rate !== '1') problems.push('a base-currency line has rate 1');
  return problems.map((problem) => ({ line: index, problem }));
}

function totalsByCurrency(lines: readonly EntryLine[]): Map<string, { debit: bigint; credit: bigint }> {
  const totals = new Map<string, { debit: bigint; credit: bigint }>();
  for (const line of lines) {
    const total = totals.get(line.currency) ?? { debit: 0n, credit: 0n };
    totals.set(line.currency, { debit: total.debit + line.debit, credit: total.credit + line.credit });
  }
  return totals;
}

/**
 * The double-entry rule: at least two lines, debits = credits in every transaction
 * currency. Base-currency amounts are derived at each line's rate; what rounding
 * leaves unbalanced in the base currency goes to the exchange-difference account.
 */
export function balanceEntry(lines: readonly EntryLine[], context: LedgerContext): BalancedLine[] {
  const problems: Array<{ line?: number; problem: string }> = lines.flatMap((line, index) => lineProblems(line, index, context));
  if (lines.length < 2) problems.push({ problem: 'an entry has at least two lines' });
  if (problems.length) throw new UnbalancedEntry('Journal entry lines are not valid', problems);
  const unbalanced = [...totalsByCurrency(lines)].filter(([, t]) => t.debit !== t.credit);
  if (unbalanced.length) {
    throw new UnbalancedEntry(
      'Debits and credits differ',
      unbalanced.map(([currency, t]) => ({ problem: `${currency}: debits ${t.debit} ≠ credits ${t.credit}` })),
    );
  }
  const based = lines.map((line) => withBase(line, context.baseCurrency));
  return [...based, ...exchangeDifference(based, context)];
}

function withBase(line: EntryLine, baseCurrency: string): BalancedLine {
  const toBase = (amount: bigint) => (line.currency === baseCurrency ? amount : convert(amount, line.currency, baseCurrency, line.rate as string));
  return { ...line, baseDebit: toBase(line.debit), baseCredit: toBase(line.credit) };
}

function exchangeDifference(lines: readonly BalancedLine[], context: LedgerContext): BalancedLine[] {
  const difference = lines.reduce((sum, line) => sum + line.baseDebit - line.baseCredit, 0n);
  if (difference === 0n) return [];
  const amount = difference < 0n ? -difference : difference;
  // A base-currency-only amount: no transaction currency moves, so every currency stays balanced.
  return [
    {
      accountCode: context.exchangeDifferenceAccount,
      currency: context.baseCurrency,
      debit: 0n,
      credit: 0n,
      baseDebit: difference < 0n ? amount : 0n,
      baseCredit: difference < 0n ? 0n : amount,
      memo: 'Exchange difference',
    },
  ];
}

/** The lines of the entry that cancels `lines`: every debit becomes a credit and back. */
export function reversalOf<L extends BalancedLine>(lines: readonly L[]): L[] {
  return lines.map((line) => ({ ...line, debit: line.credit, credit: line.debit, baseDebit: line.baseCredit, baseCredit: line.baseDebit }));
}
