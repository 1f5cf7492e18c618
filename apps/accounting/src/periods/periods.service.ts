import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ido/identity';
import type { accountingSchemas } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { LedgerDatabase } from '../database/ledger-database';
import type { FiscalPeriod } from '../../prisma/generated/prisma/client';

type PeriodView = (typeof accountingSchemas.fiscalPeriod)['_output'];

const periodView = (row: FiscalPeriod): PeriodView => ({
  period: row.period,
  closed: row.closedAt !== null,
  closedAt: row.closedAt?.toISOString() ?? null,
  closedBy: row.closedBy,
});

/** Closing a month forbids posting, reversing or back-dating into it; reopening is its own permission. */
@Injectable()
export class PeriodsService {
  constructor(@Inject(LedgerDatabase) private readonly db: LedgerDatabase) {}

  async list(tenant: string): Promise<PeriodView[]> {
    return (await this.db.read(tenant, (db) => db.fiscalPeriod.findMany({ orderBy: { period: 'asc' } }))).map(periodView);
  }

  async close(actor: Actor, period: string): Promise<PeriodView> {
    const row = await this.db.read(actor.tenant, (db) =>
      db.fiscalPeriod.upsert({
        where: { period },
        create: { period, closedAt: new Date(), closedBy: actor.id },
        update: { closedAt: new Date(), closedBy: actor.id },
      }),
    );
    return periodView(row);
  }

  async reopen(actor: Actor, period: string): Promise<PeriodView> {
    const current = await this.db.read(actor.tenant, (db) => db.fiscalPeriod.findUnique({ where: { period } }));
    if (!current?.closedAt) throw new IdoError('PRECONDITION_FAILED', `Period ${period} is not closed`);
    const row = await this.db.read(actor.tenant, (db) =>
      db.fiscalPeriod.update({ where: { period }, data: { closedAt: null, closedBy: null, reopenedAt: new Date(), reopenedBy: actor.id } }),
    );
    return periodView(row);
  }
}
