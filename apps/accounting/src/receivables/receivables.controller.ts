import { Controller, Inject } from '@nestjs/common';
import { currentActor, Requires } from '@ido/identity';
import { accountingPermissions as can, accountingV1, type ParsedRequestOf } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { AgedReceivablesReport } from './aged-receivables.service';
import { InvoicesService } from './invoices.service';
import { PaymentsService } from './payments.service';

type Req<K extends keyof typeof accountingV1> = ParsedRequestOf<(typeof accountingV1)[K]>;

@Controller()
export class ReceivablesController {
  constructor(
    @Inject(InvoicesService) private readonly invoices: InvoicesService,
    @Inject(PaymentsService) private readonly payments: PaymentsService,
    @Inject(AgedReceivablesReport) private readonly aged: AgedReceivablesReport,
  ) {}

  @Requires(can.customerManage)
  @Handles(accountingV1.customerCreate)
  createCustomer(request: Req<'customerCreate'>) {
    return this.invoices.createCustomer(currentActor(), request);
  }

  @Requires(can.invoiceRead)
  @Handles(accountingV1.customerList)
  async customers() {
    return { items: await this.invoices.customers(currentActor().tenant) };
  }

  @Requires(can.invoiceCreate)
  @Handles(accountingV1.invoiceDraft)
  draft(request: Req<'invoiceDraft'>) {
    return this.invoices.draft(currentActor(), request);
  }

  @Requires(can.invoiceCreate)
  @Handles(accountingV1.invoiceIssue)
  issue(request: Req<'invoiceIssue'>) {
    return this.invoices.issue(currentActor(), request);
  }

  @Requires(can.invoiceVoid)
  @Handles(accountingV1.invoiceVoid)
  void(request: Req<'invoiceVoid'>) {
    return this.invoices.void(currentActor(), request);
  }

  @Requires(can.invoiceRead)
  @Handles(accountingV1.invoiceGet)
  get(request: Req<'invoiceGet'>) {
    return this.invoices.get(currentActor().tenant, request.id);
  }

  @Requires(can.paymentCreate)
  @Handles(accountingV1.paymentRecord)
  pay(request: Req<'paymentRecord'>) {
    return this.payments.record(currentActor(), request);
  }

  @Requires(can.invoiceVoid)
  @Handles(accountingV1.creditNoteIssue)
  credit(request: Req<'creditNoteIssue'>) {
    return this.payments.creditNote(currentActor(), request);
  }

  @Requires(can.reportRead)
  @Handles(accountingV1.agedReceivables)
  agedReceivables(request: Req<'agedReceivables'>) {
    return this.aged.at(currentActor().tenant, request.asOf);
  }
}
