import { Inject, Injectable } from '@nestjs/common';
import { IdoError } from '@ido/platform-messaging';
import { isUniqueViolation } from '@ido/platform-tenancy';
import { isCurrency } from '../ledger/money';
import { AccountsRepository, type AccountView } from './accounts.repository';

/** The chart of accounts: accounts are added and deactivated, never deleted (postings point at them). */
@Injectable()
export class AccountsService {
  constructor(@Inject(AccountsRepository) private readonly accounts: AccountsRepository) {}

  list(tenant: string, include: 'active' | 'all'): Promise<AccountView[]> {
    return this.accounts.list(tenant, include);
  }

  async create(tenant: string, request: { code: string; name: string; type: AccountView['type']; currency?: string; parentCode?: string }): Promise<AccountView> {
    if (request.currency && !isCurrency(request.currency)) throw new IdoError('VALIDATION_FAILED', `Unknown currency ${request.currency}`);
    if (request.parentCode) {
      const parent = await this.accounts.find(tenant, request.parentCode);
      if (!parent) throw new IdoError('VALIDATION_FAILED', `Parent account ${request.parentCode} does not exist`);
      if (parent.type !== request.type) throw new IdoError('VALIDATION_FAILED', `A ${request.type} account cannot sit under a ${parent.type} account`);
    }
    try {
      return await this.accounts.create(tenant, request);
    } catch (error) {
      if (isUniqueViolation(error)) throw new IdoError('CONFLICT', `Account ${request.code} already exists`);
      throw error;
    }
  }

  async deactivate(tenant: string, code: string): Promise<AccountView> {
    if (!(await this.accounts.find(tenant, code))) throw new IdoError('NOT_FOUND', `Account ${code} not found`);
    return this.accounts.deactivate(tenant, code);
  }
}
