import { Inject, Injectable } from '@nestjs/common';
import { identityEvents, type identitySchemas, type ModuleName } from '@ido/internal-api';
import { type AuditActor, AuditLog, DomainEvents } from '@ido/audit';
import { IdentityDatabase } from '../database/identity-database';
import type { Prisma, Tenant as TenantRow } from '../../prisma/generated/prisma/client';

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
  constructor(
    @Inject(IdentityDatabase) private readonly db: IdentityDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
    @Inject(DomainEvents) private readonly events: DomainEvents,
  ) {}

  /**
   * A registry change, its audit record and its event in one transaction (in the
   * platform schema's outbox): the record under the tenant it concerns so its
   * auditors see it, the event for every verifier and every service's schemas.
   */
  private audited(by: AuditActor, verb: string, id: string, change: (tx: Prisma.TransactionClient) => Promise<[TenantRow | null, TenantRow]>): Promise<Tenant> {
    return this.db.registry((db) =>
      db.$transaction(async (tx) => {
        const [before, after] = await change(tx);
        const view = tenantView(after);
        await this.audit.record(tx, { tenant: id, actor: by, action: `identity.tenant.${verb}`, entity: { type: 'tenant', id }, before: before && tenantView(before), after: view });
        const event = before ? identityEvents.tenantChanged : identityEvents.tenantProvisioned;
        await this.events.publish(tx, event, { tenant: id, status: view.status, modules: view.modules });
        return view;
      }),
    );
  }

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

  insert(tenant: { id: string; name: string; modules: ModuleName[] }, by: AuditActor): Promise<Tenant> {
    return this.audited(by, 'create', tenant.id, async (tx) => [null, await tx.tenant.create({ data: tenant })]);
  }

  setStatus(id: string, status: TenantStatus, by: AuditActor): Promise<Tenant> {
    return this.audited(by, status === 'suspended' ? 'suspend' : 'resume', id, async (tx) => [
      await tx.tenant.findUniqueOrThrow({ where: { id } }),
      await tx.tenant.update({ where: { id }, data: { status, suspendedAt: status === 'suspended' ? new Date() : null } }),
    ]);
  }

  setModules(id: string, modules: ModuleName[], by: AuditActor): Promise<Tenant> {
    return this.audited(by, 'set-modules', id, async (tx) => [await tx.tenant.findUniqueOrThrow({ where: { id } }), await tx.tenant.update({ where: { id }, data: { modules } })]);
  }

  async all(): Promise<Tenant[]> {
    return (await this.db.registry((db) => db.tenant.findMany({ orderBy: { id: 'asc' } }))).map(tenantView);
  }
}
