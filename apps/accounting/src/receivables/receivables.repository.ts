import { Inject, Injectable } from '@nestjs/common';
import type { accountingSchemas } from '@ido/internal-api';
import { LedgerDatabase, type LedgerTx } from '../database/ledger-database';
import type { Customer, Prisma } from '../../prisma/generated/prisma/client';

export type InvoiceView = (typeof accountingSchemas.invoice)['_output'];
type CustomerView = (typeof accountingSchemas.customer)['_output'];

const withLines = { lines: { orderBy: { lineNo: 'asc' } } } as const;
export type InvoiceRow = Prisma.InvoiceGetPayload<{ include: typeof withLines }>;

const dayOf = (date: Date | null) => date?.toISOString().slice(0, 10) ?? null;

export const customerView = (row: Customer): CustomerView => ({ id: row.id, name: row.name, email: row.email, currency: row.currency, paymentTermsDays: row.paymentTermsDays });

export function invoiceView(row: InvoiceRow): InvoiceView {
  return {
    id: row.id,
    number: row.number.toString(),
    customerId: row.customerId,
    currency: row.currency,
    status: row.status as InvoiceView['status'],
    issueDate: dayOf(row.issueDate),
    dueDate: dayOf(row.dueDate),
    subtotal: row.subtotal.toString(),
    tax: row.tax.toString(),
    total: row.total.toString(),
    settled: row.settled.toString(),
    open: (row.status === 'voided' ? 0n : row.total - row.settled).toString(),
    issueEntryId: row.issueEntryId,
    lines: row.lines.map((line) => ({
      description: line.description,
      quantityMilli: line.quantityMilli.toString(),
      unitPrice: line.unitPrice.toString(),
      taxRateBp: line.taxRateBp,
      revenueAccount: line.revenueAccount,
      amount: line.amount.toString(),
      tax: line.tax.toString(),
    })),
  };
}

/** Customers, invoices, payments and credit notes of one tenant. */
@Injectable()
export class ReceivablesRepository {
  constructor(@Inject(LedgerDatabase) private readonly db: LedgerDatabase) {}

  async createCustomer(tx: LedgerTx, data: { name: string; email?: string; currency: string; paymentTermsDays: number }): Promise<CustomerView> {
    return customerView(await tx.customer.create({ data }));
  }

  async customers(tenant: string): Promise<CustomerView[]> {
    return (await this.db.read(tenant, (db) => db.customer.findMany({ orderBy: { name: 'asc' } }))).map(customerView);
  }

  customer(tx: LedgerTx, id: string) {
    return tx.customer.findUnique({ where: { id } });
  }

  insertInvoice(tx: LedgerTx, data: Prisma.InvoiceUncheckedCreateInput): Promise<InvoiceRow> {
    return tx.invoice.create({ data, include: withLines });
  }

  /** Locks the invoice row: settlements of one invoice apply one at a time. */
  async invoiceForUpdate(tx: LedgerTx, id: string): Promise<InvoiceRow | null> {
    await tx.$executeRaw`SELECT 1 FROM invoice WHERE id = ${id}::uuid FOR UPDATE`;
    return tx.invoice.findUnique({ where: { id }, include: withLines });
  }

  updateInvoice(tx: LedgerTx, id: string, data: Prisma.InvoiceUncheckedUpdateInput): Promise<InvoiceRow> {
    return tx.invoice.update({ where: { id }, data, include: withLines });
  }

  async invoice(tenant: string, id: string): Promise<InvoiceRow | null> {
    return this.db.read(tenant, (db) => db.invoice.findUnique({ where: { id }, include: withLines }));
  }

  insertPayment(tx: LedgerTx, data: Prisma.PaymentUncheckedCreateInput) {
    return tx.payment.create({ data, include: { allocations: true } });
  }

  insertCreditNote(tx: LedgerTx, data: Prisma.CreditNoteUncheckedCreateInput) {
    return tx.creditNote.create({ data });
  }

  /** Issued invoices with something still open at the date, with their customer. */
  openInvoices(tenant: string, asOf: string) {
    return this.db.read(tenant, (db) =>
      db.invoice.findMany({
        where: { status: { in: ['issued', 'partially_paid'] }, issueDate: { lte: new Date(`${asOf}T00:00:00Z`) } },
        select: { total: true, settled: true, currency: true, dueDate: true, customerId: true, customer: { select: { name: true } } },
      }),
    );
  }
}
