import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@ido/audit';
import type { Actor } from '@ido/identity';
import { IdoError } from '@ido/platform-messaging';
import { isCheckViolation, isUniqueViolation } from '@ido/platform-tenancy';
import { systemAccounts } from '../accounts/system-accounts';
import { LedgerDatabase, type LedgerTx } from '../database/ledger-database';
import { periodOf, reversalDay } from '../periods/fiscal-period';
import { balanceEntry, type BalancedLine, type EntryLine, reversalOf, UnbalancedEntry } from './balance';
import { insertedView, JournalRepository, type JournalEntryView } from './journal.repository';
import { parseMinor } from './money';

export interface EntryRequest {
  date: string;
  memo: string;
  lines: Array<{ accountCode: string; currency: string; debit: string; credit: string; rate?: string; memo?: string }>;
}

const notFound = () => new IdoError('NOT_FOUND', 'Journal entry not found');

/** Posting, drafts and reversals: the double-entry rules here, enforced again by the database. */
@Injectable()
export class LedgerService {
  constructor(
    @Inject(LedgerDatabase) private readonly db: LedgerDatabase,
    @Inject(JournalRepository) private readonly journal: JournalRepository,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /**
   * Same idempotency key and same entry → the entry first recorded; same key, other
   * entry → CONFLICT. The hot path writes straight away (one transaction, no read
   * before or after); a used key shows up as the unique violation.
   */
  async record(actor: Actor, request: EntryRequest & { idempotencyKey: string }): Promise<JournalEntryView> {
    const requestHash = hashOf(request);
    try {
      return await this.db.transaction(actor.tenant, (tx) => this.postWithin(tx, actor, request, { idempotencyKey: request.idempotencyKey, requestHash }));
    } catch (error) {
      if (!isUniqueViolation(error)) throw refusal(error);
      const earlier = await this.journal.view(actor.tenant, { idempotencyKey: request.idempotencyKey });
      if (!earlier) throw error;
      return sameRequest(earlier, requestHash);
    }
  }

  /**
   * Posts an entry inside the caller's transaction — how invoices, payments and
   * credit notes post theirs, so the document and its entry commit together.
   */
  async postWithin(tx: LedgerTx, actor: Actor, request: EntryRequest, idempotency?: { idempotencyKey: string; requestHash: string }): Promise<JournalEntryView> {
    const draft = await this.draftIn(tx, actor, request, idempotency);
    if (await this.journal.isClosed(tx, draft.period)) throw closedPeriod(draft.period);
    const postedAt = await this.journal.markPosted(tx, draft.id, actor.id);
    const entry = insertedView({ ...draft, postedAt }, draft.baseCurrency);
    await this.recordAudit(tx, actor, 'accounting.journal-entry.post', entry.id, null, entry);
    return entry;
  }

  /** The reversal of a posted entry inside the caller's transaction (e.g. voiding an invoice). */
  async reverseWithin(tx: LedgerTx, actor: Actor, request: { id: string; date?: string; memo?: string }): Promise<string> {
    const original = await this.journal.find(tx, { id: request.id });
    if (!original) throw notFound();
    if (original.view.status !== 'posted') throw new IdoError('PRECONDITION_FAILED', 'Only a posted entry is reversed; a draft is simply changed or left');
    if (original.view.reversedBy) throw new IdoError('CONFLICT', `Entry #${original.view.number} is already reversed`, { reversedBy: original.view.reversedBy });
    const closed = await this.journal.closedPeriods(tx);
    const date = reversalDay(request.date ?? original.view.date, (period) => closed.has(period));
    const { id } = await this.journal.insertDraft(tx, {
      date,
      period: periodOf(date),
      memo: request.memo ?? `Reversal of entry #${original.view.number}`,
      createdBy: actor.id,
      lines: reversalOf(original.row.lines.map(storedLine)),
      reverses: request.id,
    });
    await this.postIn(tx, actor, id);
    return id;
  }

  async draft(actor: Actor, request: EntryRequest): Promise<JournalEntryView> {
    return this.db
      .transaction(actor.tenant, async (tx) => {
        const draft = await this.draftIn(tx, actor, request);
        const entry = insertedView({ ...draft, postedAt: null }, draft.baseCurrency);
        await this.recordAudit(tx, actor, 'accounting.journal-entry.draft', entry.id, null, entry);
        return entry;
      })
      .catch((error: unknown) => Promise.reject(refusal(error)));
  }

  async post(actor: Actor, id: string): Promise<JournalEntryView> {
    await this.db.transaction(actor.tenant, (tx) => this.postIn(tx, actor, id)).catch((error: unknown) => Promise.reject(refusal(error)));
    return this.get(actor.tenant, id);
  }

  /** A closed period is never written to: the reversal lands in the first open period after it. */
  async reverse(actor: Actor, request: { id: string; date?: string; memo?: string }): Promise<JournalEntryView> {
    const id = await this.db.transaction(actor.tenant, (tx) => this.reverseWithin(tx, actor, request)).catch((error: unknown) => Promise.reject(refusal(error)));
    return this.get(actor.tenant, id);
  }

  async get(tenant: string, id: string): Promise<JournalEntryView> {
    const found = await this.journal.view(tenant, { id });
    if (!found) throw notFound();
    return found.view;
  }

  private async draftIn(tx: LedgerTx, actor: Actor, request: EntryRequest, idempotency?: { idempotencyKey: string; requestHash: string }) {
    const baseCurrency = await this.journal.baseCurrency(tx);
    const lines = balanced(request.lines.map(entryLine), baseCurrency);
    await this.assertAccountsTakePostings(tx, lines);
    const entry = { date: request.date, period: periodOf(request.date), memo: request.memo, createdBy: actor.id, lines, ...idempotency };
    return { ...entry, ...(await this.journal.insertDraft(tx, entry)), baseCurrency };
  }


  private async postIn(tx: LedgerTx, actor: Actor, id: string): Promise<void> {
    const entry = await this.journal.find(tx, { id });
    if (!entry) throw notFound();
    if (entry.view.status === 'posted') throw new IdoError('CONFLICT', `Entry #${entry.view.number} is already posted`);
    if (await this.journal.isClosed(tx, entry.view.period)) throw closedPeriod(entry.view.period);
    const postedAt = await this.journal.markPosted(tx, id, actor.id);
    await this.recordAudit(tx, actor, 'accounting.journal-entry.post', id, { status: 'draft' }, { ...entry.view, status: 'posted', postedAt: postedAt.toISOString() });
  }

  private recordAudit(tx: LedgerTx, actor: Actor, action: string, id: string, before: object | null, after: object): Promise<unknown> {
    return this.audit.record(tx, { tenant: actor.tenant, actor: { kind: actor.kind, id: actor.id }, action, entity: { type: 'journal-entry', id }, before, after });
  }

  private async assertAccountsTakePostings(tx: LedgerTx, lines: readonly BalancedLine[]): Promise<void> {
    const accounts = await this.journal.accounts(tx, lines.map((l) => l.accountCode));
    const problems = lines.flatMap((line, index) => {
      const account = accounts.get(line.accountCode);
      if (!account) return [{ line: index, problem: `account ${line.accountCode} does not exist` }];
      if (!account.active) return [{ line: index, problem: `account ${line.accountCode} is inactive` }];
      if (account.currency && account.currency !== line.currency) return [{ line: index, problem: `account ${line.accountCode} takes ${account.currency} only` }];
      return [];
    });
    if (problems.length) throw new IdoError('VALIDATION_FAILED', 'Journal entry lines are not valid', problems);
  }
}

function entryLine(line: EntryRequest['lines'][number]): EntryLine {
  return { accountCode: line.accountCode, currency: line.currency, debit: parseMinor(line.debit), credit: parseMinor(line.credit), rate: line.rate, memo: line.memo };
}

function storedLine(line: { accountCode: string; currency: string; debit: bigint; credit: bigint; baseDebit: bigint; baseCredit: bigint; rate: { toString(): string } | null; memo: string }): BalancedLine {
  return { ...line, rate: line.rate?.toString() };
}

function balanced(lines: EntryLine[], baseCurrency: string): BalancedLine[] {
  try {
    return balanceEntry(lines, { baseCurrency, exchangeDifferenceAccount: systemAccounts.exchangeDifference });
  } catch (error) {
    if (error instanceof UnbalancedEntry) throw new IdoError('VALIDATION_FAILED', error.message, error.problems);
    throw error;
  }
}

function hashOf(request: EntryRequest): string {
  const { date, memo, lines } = request;
  return createHash('sha256').update(JSON.stringify({ date, memo, lines })).digest('hex');
}

function sameRequest(existing: { row: { requestHash: string | null }; view: JournalEntryView }, requestHash: string): JournalEntryView {
  if (existing.row.requestHash !== requestHash) throw new IdoError('CONFLICT', 'This idempotency key was used for a different entry');
  return existing.view;
}

function closedPeriod(period: string): IdoError {
  return new IdoError('PRECONDITION_FAILED', `Period ${period} is closed`, { period });
}

/** What the database refused on its own (a race with a period close, a posted entry): a clear error, not a 500. */
function refusal(error: unknown): unknown {
  if (error instanceof IdoError || !isCheckViolation(error)) return error;
  return new IdoError('PRECONDITION_FAILED', 'The ledger refused the change (a period closed or the entry changed meanwhile)');
}
