import { Controller, Inject, Injectable } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { accountingPermissions as can, accountingSchemas, accountingV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { LedgerDatabase } from '../database/ledger-database';

type TrialBalance = (typeof accountingSchemas.trialBalance)['_output'];

/**
 * Balances per account and currency at a date, from the daily movements the
 * posting trigger keeps: the report reads one row per account, currency and day,
 * never the journal lines.
 */
@Injectable()
export class TrialBalanceReport {
  constructor(@Inject(LedgerDatabase) private readonly db: LedgerDatabase) {}

  at(tenant: string, asOf: string): Promise<TrialBalance> {
    return this.db.read(tenant, async (db) => {
      const [sums, accounts, setting] = await Promise.all([
        db.accountDailyBalance.groupBy({ by: ['accountCode', 'currency'], where: { day: { lte: new Date(`${asOf}T00:00:00Z`) } }, _sum: { debit: true, credit: true } }),
        db.account.findMany({ select: { code: true, name: true, type: true } }),
        db.ledgerSetting.findUniqueOrThrow({ where: { singleton: true } }),
      ]);
      const byCode = new Map(accounts.map((a) => [a.code, a]));
      const rows = sums
        .map((sum) => {
          const debit = sum._sum.debit ?? 0n;
          const credit = sum._sum.credit ?? 0n;
          const account = byCode.get(sum.accountCode);
          return {
            accountCode: sum.accountCode,
            accountName: account?.name ?? '',
            accountType: (account?.type ?? 'asset') as TrialBalance['rows'][number]['accountType'],
            currency: sum.currency,
            debit: debit.toString(),
            credit: credit.toString(),
            balance: (debit - credit).toString(),
          };
        })
        .sort((a, b) => a.accountCode.localeCompare(b.accountCode) || a.currency.localeCompare(b.currency));
      return { asOf, baseCurrency: setting.baseCurrency, rows, totals: totalsOf(rows) };
    });
  }
}

function totalsOf(rows: TrialBalance['rows']): TrialBalance['totals'] {
  const totals = new Map<string, { debit: bigint; credit: bigint }>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { debit: 0n, credit: 0n };
    totals.set(row.currency, { debit: total.debit + BigInt(row.debit), credit: total.credit + BigInt(row.credit) });
  }
  return [...totals].map(([currency, t]) => ({ currency, debit: t.debit.toString(), credit: t.credit.toString() })).sort((a, b) => a.currency.localeCompare(b.currency));
}

@Controller()
export class ReportsController {
  constructor(@Inject(TrialBalanceReport) private readonly trialBalance: TrialBalanceReport) {}

  @Requires(can.reportRead)
  @Handles(accountingV1.trialBalance)
  get(request: ParsedRequestOf<typeof accountingV1.trialBalance>) {
    return this.trialBalance.at(currentActor().tenant, request.asOf);
  }
}
