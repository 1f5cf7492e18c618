import { Inject, Injectable } from '@nestjs/common';
import type { identitySchemas } from '@ido/internal-api';
import { IdentityDatabase } from '../database/identity-database';
import type { Prisma } from '../../prisma/generated/prisma/client';

type ServiceAccountView = identitySchemas.ServiceAccount;
const withRoles = { roles: { select: { roleName: true }, orderBy: { roleName: 'asc' } } } as const;
type Row = Prisma.ServiceAccountGetPayload<{ include: typeof withRoles }>;

const view = (row: Row): ServiceAccountView => ({
  id: row.id,
  name: row.name,
  clientId: row.clientId,
  roles: row.roles.map((r) => r.roleName),
  createdAt: row.createdAt.toISOString(),
  disabledAt: row.disabledAt?.toISOString() ?? null,
});

@Injectable()
export class ServiceAccountsRepository {
  constructor(@Inject(IdentityDatabase) private readonly db: IdentityDatabase) {}

  async create(tenant: string, account: { name: string; clientId: string; secretHash: string; roles: string[] }): Promise<ServiceAccountView> {
    const row = await this.db.ofTenant(tenant, (db) =>
      db.serviceAccount.create({
        data: { name: account.name, clientId: account.clientId, secretHash: account.secretHash, roles: { create: account.roles.map((roleName) => ({ roleName })) } },
        include: withRoles,
      }),
    );
    return view(row);
  }

  async list(tenant: string): Promise<ServiceAccountView[]> {
    return (await this.db.ofTenant(tenant, (db) => db.serviceAccount.findMany({ orderBy: { createdAt: 'asc' }, include: withRoles }))).map(view);
  }

  async findByClientId(tenant: string, clientId: string): Promise<{ account: ServiceAccountView; secretHash: string } | undefined> {
    const row = await this.db.ofTenant(tenant, (db) => db.serviceAccount.findUnique({ where: { clientId }, include: withRoles }));
    return row ? { account: view(row), secretHash: row.secretHash } : undefined;
  }

  async disable(tenant: string, id: string): Promise<ServiceAccountView | undefined> {
    return this.db.ofTenant(tenant, async (db) => {
      const { count } = await db.serviceAccount.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date() } });
      const row = await db.serviceAccount.findUnique({ where: { id }, include: withRoles });
      return row && (count === 1 || row.disabledAt) ? view(row) : undefined;
    });
  }
}
