import { Inject, Injectable } from '@nestjs/common';
import type { identitySchemas } from '@ido/internal-api';
import { type AuditActor, AuditLog } from '@ido/audit';
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
  constructor(
    @Inject(IdentityDatabase) private readonly db: IdentityDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  /** The secret's digest never reaches the audit record: the view has none. */
  async create(tenant: string, account: { name: string; clientId: string; secretHash: string; roles: string[] }, by: AuditActor): Promise<ServiceAccountView> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const created = view(
          await tx.serviceAccount.create({
            data: { name: account.name, clientId: account.clientId, secretHash: account.secretHash, roles: { create: account.roles.map((roleName) => ({ roleName })) } },
            include: withRoles,
          }),
        );
        await this.audit.record(tx, { tenant, actor: by, action: 'identity.service-account.create', entity: { type: 'service-account', id: created.id }, before: null, after: created });
        return created;
      }),
    );
  }

  async list(tenant: string): Promise<ServiceAccountView[]> {
    return (await this.db.ofTenant(tenant, (db) => db.serviceAccount.findMany({ orderBy: { createdAt: 'asc' }, include: withRoles }))).map(view);
  }

  async findByClientId(tenant: string, clientId: string): Promise<{ account: ServiceAccountView; secretHash: string } | undefined> {
    const row = await this.db.ofTenant(tenant, (db) => db.serviceAccount.findUnique({ where: { clientId }, include: withRoles }));
    return row ? { account: view(row), secretHash: row.secretHash } : undefined;
  }

  async disable(tenant: string, id: string, by: AuditActor): Promise<ServiceAccountView | undefined> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const { count } = await tx.serviceAccount.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date() } });
        const row = await tx.serviceAccount.findUnique({ where: { id }, include: withRoles });
        if (!row) return undefined;
        if (count === 1) {
          await this.audit.record(tx, { tenant, actor: by, action: 'identity.service-account.disable', entity: { type: 'service-account', id }, before: { ...view(row), disabledAt: null }, after: view(row) });
        }
        return view(row);
      }),
    );
  }
}
