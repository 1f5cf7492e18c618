import { z } from 'zod';

/** Whole minor units (cents) as a decimal string: JSON numbers cannot carry 64-bit amounts exactly. */
export const minorAmount = z.string().regex(/^(0|[1-9][0-9]{0,17})$/, 'must be a whole, non-negative number of minor units, as a string');
/** A signed balance in minor units. */
export const signedMinorAmount = z.string().regex(/^(0|-?[1-9][0-9]{0,18})$/);
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
export const day = z.iso.date();
export const periodName = z.string().regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM');
export const accountCode = z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, 'must be 1–20 letters, digits, dots or hyphens');
export const accountType = z.enum(['asset', 'liability', 'equity', 'income', 'expense']);
/** Base currency per one unit of the line's currency, as a decimal string. */
export const exchangeRate = z.string().regex(/^[0-9]{1,12}(\.[0-9]{1,12})?$/, 'must be a positive decimal');

export const account = z
  .object({
    code: accountCode,
    name: z.string(),
    type: accountType,
    currency: currencyCode.nullable(),
    parentCode: accountCode.nullable(),
    active: z.boolean(),
  })
  .strict();
export type Account = z.infer<typeof account>;

export const lineInput = z
  .object({
    accountCode,
    currency: currencyCode,
    debit: minorAmount.default('0'),
    credit: minorAmount.default('0'),
    rate: exchangeRate.optional(),
    memo: z.string().max(500).optional(),
  })
  .strict();

export const entryInput = {
  date: day,
  memo: z.string().max(1_000).default(''),
  lines: z.array(lineInput).min(2).max(500),
};

export const journalLine = z
  .object({
    lineNo: z.number().int(),
    accountCode,
    currency: currencyCode,
    debit: minorAmount,
    credit: minorAmount,
    rate: z.string().nullable(),
    baseDebit: minorAmount,
    baseCredit: minorAmount,
    memo: z.string(),
  })
  .strict();

export const journalEntry = z
  .object({
    id: z.uuid(),
    number: z.string(),
    date: day,
    period: periodName,
    memo: z.string(),
    status: z.enum(['draft', 'posted']),
    reverses: z.uuid().nullable(),
    reversedBy: z.uuid().nullable(),
    baseCurrency: currencyCode,
    lines: z.array(journalLine),
    createdBy: z.string(),
    postedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .strict();
export type JournalEntry = z.infer<typeof journalEntry>;

export const fiscalPeriod = z
  .object({ period: periodName, closed: z.boolean(), closedAt: z.iso.datetime({ offset: true }).nullable(), closedBy: z.string().nullable() })
  .strict();

export const trialBalanceRow = z
  .object({ accountCode, accountName: z.string(), accountType, currency: currencyCode, debit: minorAmount, credit: minorAmount, balance: signedMinorAmount })
  .strict();
export const trialBalance = z
  .object({
    asOf: day,
    baseCurrency: currencyCode,
    rows: z.array(trialBalanceRow),
    /** Per transaction currency, debits and credits over all accounts (always equal). */
    totals: z.array(z.object({ currency: currencyCode, debit: minorAmount, credit: minorAmount }).strict()),
  })
  .strict();

const statementLine = z.object({ code: accountCode, name: z.string(), amount: signedMinorAmount }).strict();
const statementSection = z.object({ lines: z.array(statementLine), total: signedMinorAmount }).strict();

/** In the base currency. */
export const profitAndLoss = z
  .object({ from: day, to: day, baseCurrency: currencyCode, income: statementSection, expenses: statementSection, netProfit: signedMinorAmount })
  .strict();

/** In the base currency: assets = liabilities + equity + current earnings. */
export const balanceSheet = z
  .object({
    asOf: day,
    baseCurrency: currencyCode,
    assets: statementSection,
    liabilities: statementSection,
    equity: statementSection,
    currentEarnings: signedMinorAmount,
    balanced: z.boolean(),
  })
  .strict();

export const generalLedger = z
  .object({
    account: account,
    from: day,
    to: day,
    baseCurrency: currencyCode,
    /** Base-currency balance before `from`, on the account's natural side. */
    openingBalance: signedMinorAmount,
    lines: z.array(
      z
        .object({
          date: day,
          entryId: z.uuid(),
          number: z.string(),
          memo: z.string(),
          currency: currencyCode,
          debit: minorAmount,
          credit: minorAmount,
          baseDebit: minorAmount,
          baseCredit: minorAmount,
          balance: signedMinorAmount,
        })
        .strict(),
    ),
    closingBalance: signedMinorAmount,
  })
  .strict();

export const customer = z
  .object({ id: z.uuid(), name: z.string(), email: z.string().nullable(), currency: currencyCode, paymentTermsDays: z.number().int() })
  .strict();

export const invoiceLineInput = z
  .object({
    description: z.string().trim().min(1).max(500),
    /** Thousandths of a unit: 168.5 hours = "168500". */
    quantityMilli: z.string().regex(/^[1-9][0-9]{0,12}$/, 'must be a positive whole number of thousandths'),
    unitPrice: minorAmount,
    taxRateBp: z.number().int().min(0).max(10_000),
    revenueAccount: accountCode.default('4000'),
  })
  .strict();

export const invoiceStatus = z.enum(['draft', 'issued', 'partially_paid', 'paid', 'voided']);
export const invoice = z
  .object({
    id: z.uuid(),
    number: z.string(),
    customerId: z.uuid(),
    currency: currencyCode,
    status: invoiceStatus,
    issueDate: day.nullable(),
    dueDate: day.nullable(),
    subtotal: minorAmount,
    tax: minorAmount,
    total: minorAmount,
    settled: minorAmount,
    open: minorAmount,
    issueEntryId: z.uuid().nullable(),
    lines: z.array(invoiceLineInput.extend({ revenueAccount: accountCode, amount: minorAmount, tax: minorAmount }).strict()),
  })
  .strict();

export const payment = z
  .object({
    id: z.uuid(),
    customerId: z.uuid(),
    date: day,
    currency: currencyCode,
    amount: minorAmount,
    unallocated: minorAmount,
    journalEntryId: z.uuid(),
    allocations: z.array(z.object({ invoiceId: z.uuid(), amount: minorAmount }).strict()),
  })
  .strict();

export const creditNote = z
  .object({ id: z.uuid(), number: z.string(), invoiceId: z.uuid(), date: day, reason: z.string(), amount: minorAmount, tax: minorAmount, journalEntryId: z.uuid() })
  .strict();

const agingAmounts = z.object({ current: minorAmount, '1-30': minorAmount, '31-60': minorAmount, '61-90': minorAmount, '90+': minorAmount, total: minorAmount }).strict();
export const agedReceivables = z
  .object({
    asOf: day,
    rows: z.array(z.object({ customerId: z.uuid(), customerName: z.string(), currency: currencyCode, buckets: agingAmounts }).strict()),
    totals: z.array(z.object({ currency: currencyCode, buckets: agingAmounts }).strict()),
  })
  .strict();
