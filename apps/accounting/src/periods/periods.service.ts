import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@ido/audit';
import type { Actor } from '@ido/identity';
import type { accountingSchemas } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { LedgerDatabase, type LedgerTx } from '../database/ledger-database';
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
  constructor(
    @Inject(LedgerDatabase) private readonly db: LedgerDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async list(tenant: string): Promise<PeriodView[]> {
    return (await this.db.read(tenant, (db) => db.fiscalPeriod.findMany({ orderBy: { period: 'asc' } }))).map(periodView);
  }

  async close(actor: Actor, period: string): Promise<PeriodView> {
    return this.db.transaction(actor.tenant, async (tx) => {
      const row = await tx.fiscalPeriod.upsert({
        where: { period },
        create: { period, closedAt: new Date(), closedBy: actor.id },
        update: { closedAt: new Date(), closedBy: actor.id },
      });
      await this.recordAudit(tx, actor, 'accounting.period.close', period, periodView(row));
      return periodView(row);
    });
  }

  async reopen(actor: Actor, period: string): Promise<PeriodView> {
    const current = await this.db.read(actor.tenant, (db) => db.fiscalPeriod.findUnique({ where: { period } }));
    if (!current?.closedAt) throw new IdoError('PRECONDITION_FAILED', `Period ${period} is not closed`);
    return this.db.transaction(actor.tenant, async (tx) => {
      const row = await tx.fiscalPeriod.update({ where: { period }, data: { closedAt: null, closedBy: null, reopenedAt: new Date(), reopenedBy: actor.id } });
      await this.recordAudit(tx, actor, 'accounting.period.reopen', period, periodView(row));
      return periodView(row);
    });
  }

  private recordAudit(tx: LedgerTx, actor: Actor, action: string, period: string, after: PeriodView): Promise<unknown> {
    return this.audit.record(tx, { tenant: actor.tenant, actor: { kind: actor.kind, id: actor.id }, action, entity: { type: 'fiscal-period', id: period }, after });
  }
}
