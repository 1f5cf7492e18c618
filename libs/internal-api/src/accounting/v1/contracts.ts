import { z } from 'zod';
import { defineContract } from '../../contract';
import { defineStatusContract } from '../../common/service-status';
import * as s from './schemas';

const v1 = <Req extends z.ZodType, Rep extends z.ZodType>(entity: string, verb: string, request: Req, reply: Rep) =>
  defineContract({ module: 'accounting', entity, verb, version: 1, request, reply });

const byId = z.object({ id: z.uuid() }).strict();

export const accountingV1 = {
  statusGet: defineStatusContract('accounting'),

  settingsGet: v1('settings', 'get', z.object({}).strict(), z.object({ baseCurrency: s.currencyCode }).strict()),
  /** The base currency is chosen once, before the first posting; after that it is fixed. */
  settingsSet: v1('settings', 'set', z.object({ baseCurrency: s.currencyCode }).strict(), z.object({ baseCurrency: s.currencyCode }).strict()),

  accountList: v1('account', 'list', z.object({ include: z.enum(['active', 'all']).default('active') }).strict(), z.object({ items: z.array(s.account) }).strict()),
  accountCreate: v1(
    'account',
    'create',
    z.object({ code: s.accountCode, name: z.string().trim().min(1).max(200), type: s.accountType, currency: s.currencyCode.optional(), parentCode: s.accountCode.optional() }).strict(),
    s.account,
  ),
  /** An account with postings is never deleted, only deactivated. */
  accountDeactivate: v1('account', 'deactivate', z.object({ code: s.accountCode }).strict(), s.account),

  /** Records and posts an entry at once; the idempotency key makes a retry return the same entry. */
  journalEntryRecord: v1('journal-entry', 'record', z.object({ idempotencyKey: z.string().min(8).max(100), ...s.entryInput }).strict(), s.journalEntry),
  journalEntryDraft: v1('journal-entry', 'draft', z.object(s.entryInput).strict(), s.journalEntry),
  journalEntryPost: v1('journal-entry', 'post', byId, s.journalEntry),
  /** The correction of a posted entry: a new entry with every line's side swapped, linked to it. */
  journalEntryReverse: v1('journal-entry', 'reverse', z.object({ id: z.uuid(), date: s.day.optional(), memo: z.string().max(1_000).optional() }).strict(), s.journalEntry),
  journalEntryGet: v1('journal-entry', 'get', byId, s.journalEntry),

  periodList: v1('period', 'list', z.object({}).strict(), z.object({ items: z.array(s.fiscalPeriod) }).strict()),
  periodClose: v1('period', 'close', z.object({ period: s.periodName }).strict(), s.fiscalPeriod),
  periodReopen: v1('period', 'reopen', z.object({ period: s.periodName }).strict(), s.fiscalPeriod),

  customerCreate: v1(
    'customer',
    'create',
    z.object({ name: z.string().trim().min(1).max(200), email: z.email().optional(), currency: s.currencyCode, paymentTermsDays: z.number().int().min(0).max(365).default(30) }).strict(),
    s.customer,
  ),
  customerList: v1('customer', 'list', z.object({}).strict(), z.object({ items: z.array(s.customer) }).strict()),

  invoiceDraft: v1('invoice', 'draft', z.object({ customerId: z.uuid(), lines: z.array(s.invoiceLineInput).min(1).max(200) }).strict(), s.invoice),
  /** Issuing posts the entry: receivables debit, revenue and tax credit. */
  invoiceIssue: v1('invoice', 'issue', z.object({ id: z.uuid(), issueDate: s.day, rate: s.exchangeRate.optional() }).strict(), s.invoice),
  /** Only an invoice nothing was settled against; its entry is reversed. */
  invoiceVoid: v1('invoice', 'void', z.object({ id: z.uuid(), date: s.day.optional() }).strict(), s.invoice),
  invoiceGet: v1('invoice', 'get', byId, s.invoice),
  /** Bank debit, receivables credit; allocated to invoices, the rest kept as the customer's credit. */
  paymentRecord: v1(
    'payment',
    'record',
    z
      .object({
        customerId: z.uuid(),
        date: s.day,
        amount: s.minorAmount,
        rate: s.exchangeRate.optional(),
        bankAccount: s.accountCode.default('1100'),
        allocations: z.array(z.object({ invoiceId: z.uuid(), amount: s.minorAmount }).strict()).max(100).default([]),
      })
      .strict(),
    s.payment,
  ),
  /** Credits part or all of an invoice's open amount, tax in proportion. */
  creditNoteIssue: v1('credit-note', 'issue', z.object({ invoiceId: z.uuid(), date: s.day, amount: s.minorAmount, reason: z.string().trim().min(1).max(500) }).strict(), s.creditNote),
  agedReceivables: v1('report', 'aged-receivables', z.object({ asOf: s.day }).strict(), s.agedReceivables),

  trialBalance: v1('report', 'trial-balance', z.object({ asOf: s.day }).strict(), s.trialBalance),
  profitAndLoss: v1('report', 'profit-and-loss', z.object({ from: s.day, to: s.day }).strict(), s.profitAndLoss),
  balanceSheet: v1('report', 'balance-sheet', z.object({ asOf: s.day }).strict(), s.balanceSheet),
  generalLedger: v1('report', 'general-ledger', z.object({ accountCode: s.accountCode, from: s.day, to: s.day }).strict(), s.generalLedger),
} as const;
