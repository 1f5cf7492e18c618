import { Inject, Injectable } from '@nestjs/common';
import { TenantClients } from '@ido/platform-tenancy';
import type { Prisma, PrismaClient } from '../../prisma/generated/prisma/client';

export type LedgerTx = Prisma.TransactionClient;

/** The ledger of one tenant, only ever through that tenant's own connection. */
@Injectable()
export class LedgerDatabase {
  constructor(@Inject(TenantClients) private readonly clients: TenantClients<PrismaClient>) {}

  read<T>(tenant: string, work: (db: PrismaClient) => Promise<T>): Promise<T> {
    return this.clients.use(tenant, work);
  }

  /** One transaction: the change, its checks and (with the outbox) its audit record commit together. */
  transaction<T>(tenant: string, work: (tx: LedgerTx) => Promise<T>): Promise<T> {
    return this.clients.use(tenant, (db) => db.$transaction(work));
  }
}
