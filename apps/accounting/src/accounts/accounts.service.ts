import { Inject, Injectable } from '@nestjs/common';
import { AuditLog } from '@ido/audit';
import type { Actor } from '@ido/identity';
import { IdoError } from '@ido/platform-messaging';
import { isUniqueViolation } from '@ido/platform-tenancy';
import { LedgerDatabase } from '../database/ledger-database';
import { isCurrency } from '../ledger/money';
import { AccountsRepository, type AccountView } from './accounts.repository';

/** The chart of accounts: accounts are added and deactivated, never deleted (postings point at them). */
@Injectable()
export class AccountsService {
  constructor(
    @Inject(AccountsRepository) private readonly accounts: AccountsRepository,
    @Inject(LedgerDatabase) private readonly db: LedgerDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  list(tenant: string, include: 'active' | 'all'): Promise<AccountView[]> {
    return this.accounts.list(tenant, include);
  }

  async create(actor: Actor, request: { code: string; name: string; type: AccountView['type']; currency?: string; parentCode?: string }): Promise<AccountView> {
    const tenant = actor.tenant;
    if (request.currency && !isCurrency(request.currency)) throw new IdoError('VALIDATION_FAILED', `Unknown currency ${request.currency}`);
    if (request.parentCode) {
      const parent = await this.accounts.find(tenant, request.parentCode);
      if (!parent) throw new IdoError('VALIDATION_FAILED', `Parent account ${request.parentCode} does not exist`);
      if (parent.type !== request.type) throw new IdoError('VALIDATION_FAILED', `A ${request.type} account cannot sit under a ${parent.type} account`);
    }
    try {
      return await this.db.transaction(tenant, async (tx) => {
        const account = await this.accounts.create(tx, request);
        await this.audit.record(tx, { tenant, actor: { kind: actor.kind, id: actor.id }, action: 'accounting.account.create', entity: { type: 'account', id: account.code }, after: account });
        return account;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new IdoError('CONFLICT', `Account ${request.code} already exists`);
      throw error;
    }
  }

  async deactivate(actor: Actor, code: string): Promise<AccountView> {
    const before = await this.accounts.find(actor.tenant, code);
    if (!before) throw new IdoError('NOT_FOUND', `Account ${code} not found`);
    return this.db.transaction(actor.tenant, async (tx) => {
      const after = await this.accounts.deactivate(tx, code);
      await this.audit.record(tx, { tenant: actor.tenant, actor: { kind: actor.kind, id: actor.id }, action: 'accounting.account.deactivate', entity: { type: 'account', id: code }, before, after });
      return after;
    });
  }
}
