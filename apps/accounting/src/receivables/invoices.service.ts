import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@ido/audit';
import type { Actor } from '@ido/identity';
import { IdoError } from '@ido/platform-messaging';
import { systemAccounts } from '../accounts/system-accounts';
import { LedgerDatabase, type LedgerTx } from '../database/ledger-database';
import { LedgerService } from '../ledger/ledger.service';
import { isCurrency } from '../ledger/money';
import { invoiceTotals, priceLine, statusAfterSettlement } from './invoice-rules';
import { type InvoiceRow, type InvoiceView, invoiceView, ReceivablesRepository } from './receivables.repository';

export interface InvoiceLineRequest {
  description: string;
  quantityMilli: string;
  unitPrice: string;
  taxRateBp: number;
  revenueAccount: string;
}

const notFound = () => new IdoError('NOT_FOUND', 'Invoice not found');

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Invoices: draft → issued (posted) → partially paid → paid, or voided (reversed) while nothing is settled. */
@Injectable()
export class InvoicesService {
  constructor(
    @Inject(LedgerDatabase) private readonly db: LedgerDatabase,
    @Inject(ReceivablesRepository) private readonly receivables: ReceivablesRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async createCustomer(actor: Actor, request: { name: string; email?: string; currency: string; paymentTermsDays: number }) {
    if (!isCurrency(request.currency)) throw new IdoError('VALIDATION_FAILED', `Unknown currency ${request.currency}`);
    return this.db.transaction(actor.tenant, async (tx) => {
      const customer = await this.receivables.createCustomer(tx, request);
      await this.recordAudit(tx, actor, 'accounting.customer.create', { type: 'customer', id: customer.id }, null, customer);
      return customer;
    });
  }

  customers(tenant: string) {
    return this.receivables.customers(tenant);
  }

  async draft(actor: Actor, request: { customerId: string; lines: InvoiceLineRequest[] }): Promise<InvoiceView> {
    const priced = request.lines.map((line) => ({ ...line, ...priced1(line) }));
    const totals = invoiceTotals(priced);
    return this.db.transaction(actor.tenant, async (tx) => {
      const customer = await this.receivables.customer(tx, request.customerId);
      if (!customer) throw new IdoError('NOT_FOUND', 'Customer not found');
      const row = await this.receivables.insertInvoice(tx, {
        customerId: customer.id,
        currency: customer.currency,
        status: 'draft',
        ...totals,
        createdBy: actor.id,
        lines: {
          create: priced.map((line, index) => ({
            lineNo: index + 1,
            description: line.description,
            quantityMilli: BigInt(line.quantityMilli),
            unitPrice: BigInt(line.unitPrice),
            taxRateBp: line.taxRateBp,
            amount: line.amount,
            tax: line.tax,
            revenueAccount: line.revenueAccount,
          })),
        },
      });
      const invoice = invoiceView(row);
      await this.recordAudit(tx, actor, 'accounting.invoice.draft', { type: 'invoice', id: invoice.id }, null, invoice);
      return invoice;
    });
  }

  /** Posts receivables debit against revenue per line and tax payable, in the invoice's currency. */
  async issue(actor: Actor, request: { id: string; issueDate: string; rate?: string }): Promise<InvoiceView> {
    return this.db.transaction(actor.tenant, async (tx) => {
      const invoice = await this.draftInvoice(tx, request.id);
      const customer = await this.receivables.customer(tx, invoice.customerId);
      const entry = await this.ledger.postWithin(tx, actor, {
        date: request.issueDate,
        memo: `Invoice #${invoice.number}`,
        lines: issueLines(invoice, request.rate),
      });
      const row = await this.receivables.updateInvoice(tx, invoice.id, {
        status: 'issued',
        issueDate: new Date(`${request.issueDate}T00:00:00Z`),
        dueDate: new Date(`${addDays(request.issueDate, customer?.paymentTermsDays ?? 30)}T00:00:00Z`),
        issueEntryId: entry.id,
        rate: request.rate ?? null,
      });
      const issued = invoiceView(row);
      await this.recordAudit(tx, actor, 'accounting.invoice.issue', { type: 'invoice', id: issued.id }, invoiceView(invoice), issued);
      return issued;
    });
  }

  async void(actor: Actor, request: { id: string; date?: string }): Promise<InvoiceView> {
    return this.db.transaction(actor.tenant, async (tx) => {
      const invoice = await this.receivables.invoiceForUpdate(tx, request.id);
      if (!invoice) throw notFound();
      if (invoice.status === 'draft') throw new IdoError('PRECONDITION_FAILED', 'A draft is not voided; it was never issued');
      if (invoice.status === 'voided') throw new IdoError('CONFLICT', 'The invoice is already voided');
      if (invoice.settled > 0n) throw new IdoError('PRECONDITION_FAILED', 'Something was paid or credited against this invoice: issue a credit note instead');
      const voidEntryId = await this.ledger.reverseWithin(tx, actor, { id: invoice.issueEntryId as string, date: request.date, memo: `Void of invoice #${invoice.number}` });
      const voided = invoiceView(await this.receivables.updateInvoice(tx, invoice.id, { status: 'voided', voidEntryId }));
      await this.recordAudit(tx, actor, 'accounting.invoice.void', { type: 'invoice', id: voided.id }, invoiceView(invoice), voided);
      return voided;
    });
  }

  async get(tenant: string, id: string): Promise<InvoiceView> {
    const row = await this.receivables.invoice(tenant, id);
    if (!row) throw notFound();
    return invoiceView(row);
  }

  recordAudit(tx: LedgerTx, actor: Actor, action: string, entity: { type: string; id: string }, before: object | null, after: object): Promise<unknown> {
    return this.audit.record(tx, { tenant: actor.tenant, actor: { kind: actor.kind, id: actor.id }, action, entity, before, after });
  }

  /** Applies a settlement (payment allocation or credit note) to an invoice the caller has locked. */
  async settle(tx: LedgerTx, invoice: InvoiceRow, amount: bigint): Promise<void> {
    if (invoice.status !== 'issued' && invoice.status !== 'partially_paid') {
      throw new IdoError('PRECONDITION_FAILED', `Invoice #${invoice.number} is ${invoice.status}: nothing is open on it`);
    }
    const settled = invoice.settled + amount;
    if (settled > invoice.total) throw new IdoError('VALIDATION_FAILED', `More than the ${invoice.total - invoice.settled} open on invoice #${invoice.number}`);
    await this.receivables.updateInvoice(tx, invoice.id, { settled, status: statusAfterSettlement(invoice.total, settled) });
  }

  private async draftInvoice(tx: LedgerTx, id: string): Promise<InvoiceRow> {
    const invoice = await this.receivables.invoiceForUpdate(tx, id);
    if (!invoice) throw notFound();
    if (invoice.status !== 'draft') throw new IdoError('CONFLICT', `Invoice #${invoice.number} is already ${invoice.status}`);
    return invoice;
  }
}

function priced1(line: InvoiceLineRequest) {
  try {
    return priceLine({ quantityMilli: BigInt(line.quantityMilli), unitPrice: BigInt(line.unitPrice), taxRateBp: line.taxRateBp });
  } catch (error) {
    throw new IdoError('VALIDATION_FAILED', (error as Error).message);
  }
}

function issueLines(invoice: InvoiceRow, rate: string | undefined) {
  const currency = invoice.currency;
  const revenue = new Map<string, bigint>();
  for (const line of invoice.lines) revenue.set(line.revenueAccount, (revenue.get(line.revenueAccount) ?? 0n) + line.amount);
  const lines = [
    { accountCode: systemAccounts.receivables, currency, debit: invoice.total.toString(), credit: '0', rate },
    ...[...revenue].filter(([, amount]) => amount > 0n).map(([accountCode, amount]) => ({ accountCode, currency, debit: '0', credit: amount.toString(), rate })),
  ];
  if (invoice.tax > 0n) lines.push({ accountCode: systemAccounts.vatPayable, currency, debit: '0', credit: invoice.tax.toString(), rate });
  return lines;
}
