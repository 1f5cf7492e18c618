import { Inject, Injectable } from '@nestjs/common';
import type { identitySchemas } from '@ido/internal-api';
import { type AuditActor, AuditLog } from '@ido/audit';
import { IdentityDatabase } from '../database/identity-database';
import type { Prisma, Role as RoleRow } from '../../prisma/generated/prisma/client';

type RolesTx = Prisma.TransactionClient;
import type { BuiltInRole } from './built-in-roles';

export type RoleView = identitySchemas.Role;

const roleView = (row: RoleRow): RoleView => ({ name: row.name, description: row.description, builtIn: row.builtIn, permissions: row.permissions });

/** A tenant's roles: named sets of permissions. */
@Injectable()
export class RolesRepository {
  constructor(
    @Inject(IdentityDatabase) private readonly db: IdentityDatabase,
    @Inject(AuditLog) private readonly audit: AuditLog,
  ) {}

  async list(tenant: string): Promise<RoleView[]> {
    return (await this.db.ofTenant(tenant, (db) => db.role.findMany({ orderBy: { name: 'asc' } }))).map(roleView);
  }

  async find(tenant: string, name: string): Promise<RoleView | undefined> {
    const row = await this.db.ofTenant(tenant, (db) => db.role.findUnique({ where: { name } }));
    return row ? roleView(row) : undefined;
  }

  /** The names among `names` that are not roles of the tenant. */
  async unknown(tenant: string, names: readonly string[]): Promise<string[]> {
    const found = await this.db.ofTenant(tenant, (db) => db.role.findMany({ where: { name: { in: [...names] } }, select: { name: true } }));
    const known = new Set(found.map((r) => r.name));
    return names.filter((name) => !known.has(name));
  }

  /** The union of the permissions of the given roles. */
  async permissionsOf(tenant: string, names: readonly string[]): Promise<string[]> {
    const rows = await this.db.ofTenant(tenant, (db) => db.role.findMany({ where: { name: { in: [...names] } }, select: { permissions: true } }));
    return [...new Set(rows.flatMap((r) => r.permissions))].sort();
  }

  /** Changes of custom roles, each audited in its transaction as `identity.role.<verb>`. */
  async create(tenant: string, role: { name: string; description: string; permissions: string[] }, by: AuditActor): Promise<RoleView> {
    return this.audited(tenant, by, 'create', role.name, async (tx) => [null, roleView(await tx.role.create({ data: role }))]);
  }

  async update(tenant: string, name: string, change: { description?: string; permissions?: string[] }, by: AuditActor): Promise<RoleView> {
    return this.audited(tenant, by, 'update', name, async (tx) => {
      const before = roleView(await tx.role.findUniqueOrThrow({ where: { name } }));
      return [before, roleView(await tx.role.update({ where: { name }, data: { ...change, updatedAt: new Date() } }))];
    });
  }

  private audited(tenant: string, by: AuditActor, verb: string, name: string, change: (tx: RolesTx) => Promise<[RoleView | null, RoleView]>): Promise<RoleView> {
    return this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const [before, after] = await change(tx);
        await this.audit.record(tx, { tenant, actor: by, action: `identity.role.${verb}`, entity: { type: 'role', id: name }, before, after });
        return after;
      }),
    );
  }

  async isAssigned(tenant: string, name: string): Promise<boolean> {
    return this.db.ofTenant(tenant, async (db) => (await db.userRole.count({ where: { roleName: name } })) + (await db.serviceAccountRole.count({ where: { roleName: name } })) > 0);
  }

  async delete(tenant: string, name: string, by: AuditActor): Promise<void> {
    await this.db.ofTenant(tenant, (db) =>
      db.$transaction(async (tx) => {
        const before = roleView(await tx.role.delete({ where: { name } }));
        await this.audit.record(tx, { tenant, actor: by, action: 'identity.role.delete', entity: { type: 'role', id: name }, before, after: null });
      }),
    );
  }

  /** Built-in roles follow the code: created when missing, their permissions reset when changed. */
  async syncBuiltIn(tenant: string, roles: readonly BuiltInRole[]): Promise<void> {
    await this.db.ofTenant(tenant, (db) =>
      db.$transaction(
        roles.map((role) =>
          db.role.upsert({
            where: { name: role.name },
            create: { name: role.name, description: role.description, builtIn: true, permissions: [...role.permissions] },
            update: { description: role.description, builtIn: true, permissions: [...role.permissions] },
          }),
        ),
      ),
    );
  }
}
