import { Inject, Injectable } from '@nestjs/common';
import { LedgerDatabase } from '../database/ledger-database';
import type { AccountType } from '../accounts/system-accounts';
import type { AccountMovement } from './statements';

const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

/** Report reads: sums of the daily balances the posting trigger keeps, and posted lines for one account. */
@Injectable()
export class ReportsRepository {
  constructor(@Inject(LedgerDatabase) private readonly db: LedgerDatabase) {}

  baseCurrency(tenant: string): Promise<string> {
    return this.db.read(tenant, async (db) => (await db.ledgerSetting.findUniqueOrThrow({ where: { singleton: true } })).baseCurrency);
  }

  /** Per account and transaction currency, up to and including `asOf`. */
  byAccountAndCurrency(tenant: string, asOf: string) {
    return this.db.read(tenant, async (db) => {
      const [sums, accounts] = await Promise.all([
        db.accountDailyBalance.groupBy({ by: ['accountCode', 'currency'], where: { day: { lte: dateOf(asOf) } }, _sum: { debit: true, credit: true } }),
        db.account.findMany({ select: { code: true, name: true, type: true } }),
      ]);
      const byCode = new Map(accounts.map((a) => [a.code, a]));
      return sums.map((sum) => ({
        account: byCode.get(sum.accountCode) ?? { code: sum.accountCode, name: '', type: 'asset' },
        currency: sum.currency,
        debit: sum._sum.debit ?? 0n,
        credit: sum._sum.credit ?? 0n,
      }));
    });
  }

  /** Base-currency movements per account between two days (either end open). */
  movements(tenant: string, span: { from?: string; to: string }): Promise<AccountMovement[]> {
    return this.db.read(tenant, async (db) => {
      const [sums, accounts] = await Promise.all([
        db.accountDailyBalance.groupBy({
          by: ['accountCode'],
          where: { day: { lte: dateOf(span.to), ...(span.from && { gte: dateOf(span.from) }) } },
          _sum: { baseDebit: true, baseCredit: true },
        }),
        db.account.findMany({ select: { code: true, name: true, type: true } }),
      ]);
      const byCode = new Map(accounts.map((a) => [a.code, a]));
      return sums.map((sum) => {
        const account = byCode.get(sum.accountCode);
        return {
          code: sum.accountCode,
          name: account?.name ?? '',
          type: (account?.type ?? 'asset') as AccountType,
          baseDebit: sum._sum.baseDebit ?? 0n,
          baseCredit: sum._sum.baseCredit ?? 0n,
        };
      });
    });
  }

  account(tenant: string, code: string) {
    return this.db.read(tenant, (db) => db.account.findUnique({ where: { code } }));
  }

  /** Posted lines of one account in a span, in posting order; at most `limit`. */
  postedLines(tenant: string, code: string, span: { from: string; to: string }, limit: number) {
    return this.db.read(tenant, (db) =>
      db.journalLine.findMany({
        where: { accountCode: code, entry: { status: 'posted', entryDate: { gte: dateOf(span.from), lte: dateOf(span.to) } } },
        include: { entry: { select: { id: true, number: true, memo: true, entryDate: true } } },
        orderBy: [{ entry: { entryDate: 'asc' } }, { entry: { number: 'asc' } }, { lineNo: 'asc' }],
        take: limit + 1,
      }),
    );
  }
}
