import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ido/identity';
import type { accountingSchemas } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { systemAccounts } from '../accounts/system-accounts';
import { LedgerDatabase } from '../database/ledger-database';
import { LedgerService } from '../ledger/ledger.service';
import { InvoicesService } from './invoices.service';
import { ReceivablesRepository } from './receivables.repository';

type PaymentView = (typeof accountingSchemas.payment)['_output'];
type CreditNoteView = (typeof accountingSchemas.creditNote)['_output'];

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Money in against receivables, and credits given on invoices: each with its posted entry, in one transaction. */
@Injectable()
export class PaymentsService {
  constructor(
    @Inject(LedgerDatabase) private readonly db: LedgerDatabase,
    @Inject(ReceivablesRepository) private readonly receivables: ReceivablesRepository,
    @Inject(LedgerService) private readonly ledger: LedgerService,
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
  ) {}

  async record(
    actor: Actor,
    request: { customerId: string; date: string; amount: string; rate?: string; bankAccount: string; allocations: Array<{ invoiceId: string; amount: string }> },
  ): Promise<PaymentView> {
    const amount = BigInt(request.amount);
    const allocated = request.allocations.reduce((sum, a) => sum + BigInt(a.amount), 0n);
    if (amount <= 0n) throw new IdoError('VALIDATION_FAILED', 'A payment is a positive amount');
    if (allocated > amount) throw new IdoError('VALIDATION_FAILED', 'Allocations exceed the payment');
    if (new Set(request.allocations.map((a) => a.invoiceId)).size !== request.allocations.length) throw new IdoError('VALIDATION_FAILED', 'An invoice appears twice in the allocations');
    return this.db.transaction(actor.tenant, async (tx) => {
      const customer = await this.receivables.customer(tx, request.customerId);
      if (!customer) throw new IdoError('NOT_FOUND', 'Customer not found');
      for (const allocation of request.allocations) {
        const invoice = await this.receivables.invoiceForUpdate(tx, allocation.invoiceId);
        if (!invoice || invoice.customerId !== customer.id) throw new IdoError('NOT_FOUND', `Invoice ${allocation.invoiceId} not found for this customer`);
        await this.invoices.settle(tx, invoice, BigInt(allocation.amount));
      }
      const currency = customer.currency;
      const entry = await this.ledger.postWithin(tx, actor, {
        date: request.date,
        memo: `Payment from ${customer.name}`,
        lines: [
          { accountCode: request.bankAccount, currency, debit: request.amount, credit: '0', rate: request.rate },
          { accountCode: systemAccounts.receivables, currency, debit: '0', credit: request.amount, rate: request.rate },
        ],
      });
      const payment = await this.receivables.insertPayment(tx, {
        customerId: customer.id,
        paymentDate: new Date(`${request.date}T00:00:00Z`),
        currency,
        amount,
        unallocated: amount - allocated,
        bankAccount: request.bankAccount,
        journalEntryId: entry.id,
        createdBy: actor.id,
        allocations: { create: request.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: BigInt(a.amount) })) },
      });
      const view: PaymentView = {
        id: payment.id,
        customerId: payment.customerId,
        date: day(payment.paymentDate),
        currency,
        amount: payment.amount.toString(),
        unallocated: payment.unallocated.toString(),
        journalEntryId: entry.id,
        allocations: payment.allocations.map((a) => ({ invoiceId: a.invoiceId, amount: a.amount.toString() })),
      };
      await this.invoices.recordAudit(tx, actor, 'accounting.payment.record', { type: 'payment', id: payment.id }, null, view);
      return view;
    });
  }

  /** Revenue and tax debited in the invoice's proportion, receivables credited. */
  async creditNote(actor: Actor, request: { invoiceId: string; date: string; amount: string; reason: string }): Promise<CreditNoteView> {
    return this.db.transaction(actor.tenant, async (tx) => {
      const invoice = await this.receivables.invoiceForUpdate(tx, request.invoiceId);
      if (!invoice) throw new IdoError('NOT_FOUND', 'Invoice not found');
      const amount = BigInt(request.amount);
      await this.invoices.settle(tx, invoice, amount);
      const tax = invoice.total === 0n ? 0n : (amount * invoice.tax * 2n + invoice.total) / (invoice.total * 2n);
      const rate = invoice.rate?.toString();
      const currency = invoice.currency;
      const lines = [
        { accountCode: invoice.lines[0]?.revenueAccount ?? '4000', currency, debit: (amount - tax).toString(), credit: '0', rate },
        ...(tax > 0n ? [{ accountCode: systemAccounts.vatPayable, currency, debit: tax.toString(), credit: '0', rate }] : []),
        { accountCode: systemAccounts.receivables, currency, debit: '0', credit: amount.toString(), rate },
      ].filter((line) => line.debit !== '0' || line.credit !== '0');
      const entry = await this.ledger.postWithin(tx, actor, { date: request.date, memo: `Credit note on invoice #${invoice.number}: ${request.reason}`, lines });
      const note = await this.receivables.insertCreditNote(tx, {
        invoiceId: invoice.id,
        creditDate: new Date(`${request.date}T00:00:00Z`),
        reason: request.reason,
        amount,
        tax,
        journalEntryId: entry.id,
        createdBy: actor.id,
      });
      const view = { id: note.id, number: note.number.toString(), invoiceId: invoice.id, date: request.date, reason: note.reason, amount: amount.toString(), tax: tax.toString(), journalEntryId: entry.id };
      await this.invoices.recordAudit(tx, actor, 'accounting.credit-note.issue', { type: 'credit-note', id: note.id }, null, view);
      return view;
    });
  }
}
