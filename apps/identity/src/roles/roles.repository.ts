import { Inject, Injectable } from '@nestjs/common';
import type { identitySchemas } from '@ido/internal-api';
import { IdentityDatabase } from '../database/identity-database';
import type { Role as RoleRow } from '../../prisma/generated/prisma/client';
import type { BuiltInRole } from './built-in-roles';

export type RoleView = identitySchemas.Role;

const roleView = (row: RoleRow): RoleView => ({ name: row.name, description: row.description, builtIn: row.builtIn, permissions: row.permissions });

/** A tenant's roles: named sets of permissions. */
@Injectable()
export class RolesRepository {
  constructor(@Inject(IdentityDatabase) private readonly db: IdentityDatabase) {}

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

  async create(tenant: string, role: { name: string; description: string; permissions: string[] }): Promise<RoleView> {
    return roleView(await this.db.ofTenant(tenant, (db) => db.role.create({ data: role })));
  }

  async update(tenant: string, name: string, change: { description?: string; permissions?: string[] }): Promise<RoleView> {
    return roleView(await this.db.ofTenant(tenant, (db) => db.role.update({ where: { name }, data: { ...change, updatedAt: new Date() } })));
  }

  async isAssigned(tenant: string, name: string): Promise<boolean> {
    return this.db.ofTenant(tenant, async (db) => (await db.userRole.count({ where: { roleName: name } })) + (await db.serviceAccountRole.count({ where: { roleName: name } })) > 0);
  }

  async delete(tenant: string, name: string): Promise<void> {
    await this.db.ofTenant(tenant, (db) => db.role.delete({ where: { name } }));
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
