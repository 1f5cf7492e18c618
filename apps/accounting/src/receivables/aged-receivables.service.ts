import { Inject, Injectable } from '@nestjs/common';
import type { accountingSchemas } from '@ido/internal-api';
import { type AgingBucket, agingBucket } from './invoice-rules';
import { ReceivablesRepository } from './receivables.repository';

type AgedReceivables = (typeof accountingSchemas.agedReceivables)['_output'];
type Buckets = Record<AgingBucket | 'total', bigint>;

const empty = (): Buckets => ({ current: 0n, '1-30': 0n, '31-60': 0n, '61-90': 0n, '90+': 0n, total: 0n });
const text = (b: Buckets) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, v.toString()])) as AgedReceivables['totals'][number]['buckets'];

/** What customers owe at a date, by days past due, per customer and currency. */
@Injectable()
export class AgedReceivablesReport {
  constructor(@Inject(ReceivablesRepository) private readonly receivables: ReceivablesRepository) {}

  async at(tenant: string, asOf: string): Promise<AgedReceivables> {
    const rows = new Map<string, { customerId: string; customerName: string; currency: string; buckets: Buckets }>();
    const totals = new Map<string, Buckets>();
    for (const invoice of await this.receivables.openInvoices(tenant, asOf)) {
      const open = invoice.total - invoice.settled;
      const bucket = agingBucket((invoice.dueDate as Date).toISOString().slice(0, 10), asOf);
      const key = `${invoice.customerId}:${invoice.currency}`;
      const row = rows.get(key) ?? { customerId: invoice.customerId, customerName: invoice.customer.name, currency: invoice.currency, buckets: empty() };
      const total = totals.get(invoice.currency) ?? empty();
      for (const buckets of [row.buckets, total]) {
        buckets[bucket] += open;
        buckets.total += open;
      }
      rows.set(key, row);
      totals.set(invoice.currency, total);
    }
    return {
      asOf,
      rows: [...rows.values()].sort((a, b) => a.customerName.localeCompare(b.customerName)).map((r) => ({ ...r, buckets: text(r.buckets) })),
      totals: [...totals].sort(([a], [b]) => a.localeCompare(b)).map(([currency, b]) => ({ currency, buckets: text(b) })),
    };
  }
}

