import { Inject, Injectable } from '@nestjs/common';
import type { accountingSchemas } from '@ido/internal-api';
import { LedgerDatabase, type LedgerTx } from '../database/ledger-database';
import type { Account as AccountRow } from '../../prisma/generated/prisma/client';

export type AccountView = accountingSchemas.Account;

export const accountView = (row: AccountRow): AccountView => ({
  code: row.code,
  name: row.name,
  type: row.type as AccountView['type'],
  currency: row.currency,
  parentCode: row.parentCode,
  active: row.active,
});

@Injectable()
export class AccountsRepository {
  constructor(@Inject(LedgerDatabase) private readonly db: LedgerDatabase) {}

  async list(tenant: string, include: 'active' | 'all'): Promise<AccountView[]> {
    const rows = await this.db.read(tenant, (db) => db.account.findMany({ where: include === 'active' ? { active: true } : {}, orderBy: { code: 'asc' } }));
    return rows.map(accountView);
  }

  async find(tenant: string, code: string): Promise<AccountView | undefined> {
    const row = await this.db.read(tenant, (db) => db.account.findUnique({ where: { code } }));
    return row ? accountView(row) : undefined;
  }

  async create(tx: LedgerTx, account: { code: string; name: string; type: string; currency?: string; parentCode?: string }): Promise<AccountView> {
    return accountView(await tx.account.create({ data: account }));
  }

  async deactivate(tx: LedgerTx, code: string): Promise<AccountView> {
    return accountView(await tx.account.update({ where: { code }, data: { active: false } }));
  }
}
