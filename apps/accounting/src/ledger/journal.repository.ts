import { Inject, Injectable } from '@nestjs/common';
import type { accountingSchemas } from '@ido/internal-api';
import { LedgerDatabase, type LedgerTx } from '../database/ledger-database';
import type { Prisma } from '../../prisma/generated/prisma/client';
import type { BalancedLine } from './balance';

export type JournalEntryView = accountingSchemas.JournalEntry;

const withLines = { lines: { orderBy: { lineNo: 'asc' } }, reversedBy: { select: { id: true } } } as const;
type EntryRow = Prisma.JournalEntryGetPayload<{ include: typeof withLines }>;

const dayOf = (date: Date) => date.toISOString().slice(0, 10);

function entryView(row: EntryRow, baseCurrency: string): JournalEntryView {
  return {
    id: row.id,
    number: row.number.toString(),
    date: dayOf(row.entryDate),
    period: row.period,
    memo: row.memo,
    status: row.status as JournalEntryView['status'],
    reverses: row.reverses,
    reversedBy: row.reversedBy?.id ?? null,
    baseCurrency,
    createdBy: row.createdBy,
    postedAt: row.postedAt?.toISOString() ?? null,
    lines: row.lines.map((line) => ({
      lineNo: line.lineNo,
      accountCode: line.accountCode,
      currency: line.currency,
      debit: line.debit.toString(),
      credit: line.credit.toString(),
      rate: line.rate?.toString() ?? null,
      baseDebit: line.baseDebit.toString(),
      baseCredit: line.baseCredit.toString(),
      memo: line.memo,
    })),
  };
}

/** The view of an entry just written in this transaction, without reading it back. */
export function insertedView(entry: NewEntry & { id: string; number: bigint; postedAt: Date | null }, baseCurrency: string): JournalEntryView {
  return {
    id: entry.id,
    number: entry.number.toString(),
    date: entry.date,
    period: entry.period,
    memo: entry.memo,
    status: entry.postedAt ? 'posted' : 'draft',
    reverses: entry.reverses ?? null,
    reversedBy: null,
    baseCurrency,
    createdBy: entry.createdBy,
    postedAt: entry.postedAt?.toISOString() ?? null,
    lines: entry.lines.map((line, index) => ({
      lineNo: index + 1,
      accountCode: line.accountCode,
      currency: line.currency,
      debit: line.debit.toString(),
      credit: line.credit.toString(),
      rate: line.rate ?? null,
      baseDebit: line.baseDebit.toString(),
      baseCredit: line.baseCredit.toString(),
      memo: line.memo ?? '',
    })),
  };
}

export interface NewEntry {
  date: string;
  period: string;
  memo: string;
  createdBy: string;
  lines: readonly BalancedLine[];
  idempotencyKey?: string;
  requestHash?: string;
  reverses?: string;
}

/** Journal entries of one tenant; writes happen inside the ledger service's transactions. */
@Injectable()
export class JournalRepository {
  constructor(@Inject(LedgerDatabase) private readonly db: LedgerDatabase) {}

  async baseCurrency(tx: LedgerTx): Promise<string> {
    return (await tx.ledgerSetting.findUniqueOrThrow({ where: { singleton: true } })).baseCurrency;
  }

  async accounts(tx: LedgerTx, codes: readonly string[]) {
    const rows = await tx.account.findMany({ where: { code: { in: [...new Set(codes)] } } });
    return new Map(rows.map((row) => [row.code, row]));
  }

  async isClosed(tx: LedgerTx, period: string): Promise<boolean> {
    const row = await tx.fiscalPeriod.findUnique({ where: { period }, select: { closedAt: true } });
    return Boolean(row?.closedAt);
  }

  async closedPeriods(tx: LedgerTx): Promise<Set<string>> {
    const rows = await tx.fiscalPeriod.findMany({ where: { closedAt: { not: null } }, select: { period: true } });
    return new Set(rows.map((row) => row.period));
  }

  /** Entries are born drafts (a trigger insists); posting is a status change the database checks again. */
  async insertDraft(tx: LedgerTx, entry: NewEntry): Promise<{ id: string; number: bigint }> {
    const created = await tx.journalEntry.create({
      data: {
        entryDate: new Date(`${entry.date}T00:00:00Z`),
        period: entry.period,
        memo: entry.memo,
        status: 'draft',
        createdBy: entry.createdBy,
        idempotencyKey: entry.idempotencyKey,
        requestHash: entry.requestHash,
        reverses: entry.reverses,
      },
      select: { id: true, number: true },
    });
    await tx.journalLine.createMany({
      data: entry.lines.map((line, index) => ({
        entryId: created.id,
        lineNo: index + 1,
        accountCode: line.accountCode,
        currency: line.currency,
        debit: line.debit,
        credit: line.credit,
        rate: line.rate ?? null,
        baseDebit: line.baseDebit,
        baseCredit: line.baseCredit,
        memo: line.memo ?? '',
      })),
    });
    return created;
  }

  /** The posting trigger checks balance and period again and moves the daily balances. */
  async markPosted(tx: LedgerTx, id: string, postedBy: string): Promise<Date> {
    const postedAt = new Date();
    await tx.journalEntry.updateMany({ where: { id, status: 'draft' }, data: { status: 'posted', postedAt, postedBy } });
    return postedAt;
  }

  async find(tx: LedgerTx, where: { id: string } | { idempotencyKey: string }) {
    const row = await tx.journalEntry.findUnique({ where, include: withLines });
    return row ? { row, view: entryView(row, await this.baseCurrency(tx)) } : undefined;
  }

  view(tenant: string, where: { id: string } | { idempotencyKey: string }) {
    return this.db.read(tenant, (db) => this.find(db, where));
  }
}
