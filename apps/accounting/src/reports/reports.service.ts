import { Inject, Injectable } from '@nestjs/common';
import type { accountingSchemas } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { accountView } from '../accounts/accounts.repository';
import { ReportsRepository } from './reports.repository';
import { balanceSheet, naturalBalance, profitAndLoss, type StatementLine } from './statements';
import type { AccountType } from '../accounts/system-accounts';

type TrialBalance = (typeof accountingSchemas.trialBalance)['_output'];
type GeneralLedger = (typeof accountingSchemas.generalLedger)['_output'];

/** More lines than this in one general-ledger request: the caller narrows the range. */
const generalLedgerLimit = 10_000;

const text = (section: { lines: StatementLine[]; total: bigint }) => ({
  lines: section.lines.map((line) => ({ ...line, amount: line.amount.toString() })),
  total: section.total.toString(),
});

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** Read models of the ledger, correct to the minor unit. */
@Injectable()
export class ReportsService {
  constructor(@Inject(ReportsRepository) private readonly reports: ReportsRepository) {}

  async trialBalance(tenant: string, asOf: string): Promise<TrialBalance> {
    const [sums, baseCurrency] = await Promise.all([this.reports.byAccountAndCurrency(tenant, asOf), this.reports.baseCurrency(tenant)]);
    const rows = sums
      .map((s) => ({
        accountCode: s.account.code,
        accountName: s.account.name,
        accountType: s.account.type as AccountType,
        currency: s.currency,
        debit: s.debit.toString(),
        credit: s.credit.toString(),
        balance: (s.debit - s.credit).toString(),
      }))
      .sort((a, b) => a.accountCode.localeCompare(b.accountCode) || a.currency.localeCompare(b.currency));
    const totals = new Map<string, { debit: bigint; credit: bigint }>();
    for (const s of sums) {
      const t = totals.get(s.currency) ?? { debit: 0n, credit: 0n };
      totals.set(s.currency, { debit: t.debit + s.debit, credit: t.credit + s.credit });
    }
    return {
      asOf,
      baseCurrency,
      rows,
      totals: [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, t]) => ({ currency, debit: t.debit.toString(), credit: t.credit.toString() })),
    };
  }

  async profitAndLoss(tenant: string, from: string, to: string) {
    if (from > to) throw new IdoError('VALIDATION_FAILED', '`from` is after `to`');
    const [movements, baseCurrency] = await Promise.all([this.reports.movements(tenant, { from, to }), this.reports.baseCurrency(tenant)]);
    const statement = profitAndLoss(movements);
    return { from, to, baseCurrency, income: text(statement.income), expenses: text(statement.expenses), netProfit: statement.netProfit.toString() };
  }

  async balanceSheet(tenant: string, asOf: string) {
    const [movements, baseCurrency] = await Promise.all([this.reports.movements(tenant, { to: asOf }), this.reports.baseCurrency(tenant)]);
    const sheet = balanceSheet(movements);
    return {
      asOf,
      baseCurrency,
      assets: text(sheet.assets),
      liabilities: text(sheet.liabilities),
      equity: text(sheet.equity),
      currentEarnings: sheet.currentEarnings.toString(),
      balanced: sheet.balanced,
    };
  }

  async generalLedger(tenant: string, code: string, from: string, to: string): Promise<GeneralLedger> {
    if (from > to) throw new IdoError('VALIDATION_FAILED', '`from` is after `to`');
    const account = await this.reports.account(tenant, code);
    if (!account) throw new IdoError('NOT_FOUND', `Account ${code} not found`);
    const type = account.type as AccountType;
    const [before, lines, baseCurrency] = await Promise.all([
      this.reports.movements(tenant, { to: dayBefore(from) }),
      this.reports.postedLines(tenant, code, { from, to }, generalLedgerLimit),
      this.reports.baseCurrency(tenant),
    ]);
    if (lines.length > generalLedgerLimit) throw new IdoError('PRECONDITION_FAILED', `More than ${generalLedgerLimit} lines: narrow the range`);
    const opening = before.filter((m) => m.code === code).reduce((sum, m) => sum + naturalBalance(m), 0n);
    let running = opening;
    const rows = lines.map((line) => {
      running += naturalBalance({ type, baseDebit: line.baseDebit, baseCredit: line.baseCredit });
      return {
        date: line.entry.entryDate.toISOString().slice(0, 10),
        entryId: line.entry.id,
        number: line.entry.number.toString(),
        memo: line.memo || line.entry.memo,
        currency: line.currency,
        debit: line.debit.toString(),
        credit: line.credit.toString(),
        baseDebit: line.baseDebit.toString(),
        baseCredit: line.baseCredit.toString(),
        balance: running.toString(),
      };
    });
    return { account: accountView(account), from, to, baseCurrency, openingBalance: opening.toString(), lines: rows, closingBalance: running.toString() };
  }
}
