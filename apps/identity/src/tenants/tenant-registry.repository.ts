import { Inject, Injectable } from '@nestjs/common';
import type { identitySchemas, ModuleName } from '@ido/internal-api';
import { IdentityDatabase } from '../database/identity-database';
import type { Tenant as TenantRow } from '../../prisma/generated/prisma/client';

export type Tenant = identitySchemas.Tenant;
export type TenantStatus = Tenant['status'];

export function tenantView(row: TenantRow): Tenant {
  return {
    id: row.id,
    name: row.name,
    status: row.status as TenantStatus,
    modules: row.modules as ModuleName[],
    createdAt: row.createdAt.toISOString(),
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
  };
}

/** The registry of tenants, kept in the platform tenant's schema. */
@Injectable()
export class TenantRegistry {
  constructor(@Inject(IdentityDatabase) private readonly db: IdentityDatabase) {}

  async find(id: string): Promise<Tenant | undefined> {
    const row = await this.db.registry((db) => db.tenant.findUnique({ where: { id } }));
    return row ? tenantView(row) : undefined;
  }

  async page(query: { limit: number; cursor?: string; status?: TenantStatus }): Promise<{ items: Tenant[]; nextCursor: string | null }> {
    const rows = await this.db.registry((db) =>
      db.tenant.findMany({
        where: { status: query.status, ...(query.cursor && { id: { gt: query.cursor } }) },
        orderBy: { id: 'asc' },
        take: query.limit + 1,
      }),
    );
    const items = rows.slice(0, query.limit).map(tenantView);
    return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
  }

  async insert(tenant: { id: string; name: string; modules: ModuleName[] }): Promise<Tenant> {
    return tenantView(await this.db.registry((db) => db.tenant.create({ data: tenant })));
  }

  async setStatus(id: string, status: TenantStatus): Promise<Tenant> {
    const row = await this.db.registry((db) =>
      db.tenant.update({ where: { id }, data: { status, suspendedAt: status === 'suspended' ? new Date() : null } }),
    );
    return tenantView(row);
  }

  async setModules(id: string, modules: ModuleName[]): Promise<Tenant> {
    return tenantView(await this.db.registry((db) => db.tenant.update({ where: { id }, data: { modules } })));
  }

  async all(): Promise<Tenant[]> {
    return (await this.db.registry((db) => db.tenant.findMany({ orderBy: { id: 'asc' } }))).map(tenantView);
  }
}
