import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ido/identity';
import { permissionCatalogue } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { isUniqueViolation } from '@ido/platform-tenancy';
import { auditActorOf } from '../access/audit-actor';
import { grantablePermissions } from './built-in-roles';
import { RolesRepository, type RoleView } from './roles.repository';

/** Custom roles beside the built-in ones; built-in roles follow the code and cannot be edited. */
@Injectable()
export class RolesService {
  constructor(@Inject(RolesRepository) private readonly roles: RolesRepository) {}

  list(tenant: string): Promise<RoleView[]> {
    return this.roles.list(tenant);
  }

  permissionsOf(tenant: string) {
    const grantable = grantablePermissions(tenant);
    return permissionCatalogue.filter((p) => grantable.has(p.name)).map(({ name, description }) => ({ name, description }));
  }

  async create(actor: Actor, role: { name: string; description: string; permissions: string[] }): Promise<RoleView> {
    const tenant = actor.tenant;
    assertGrantable(tenant, role.permissions);
    try {
      return await this.roles.create(tenant, { ...role, permissions: [...new Set(role.permissions)].sort() }, auditActorOf(actor));
    } catch (error) {
      if (isUniqueViolation(error)) throw new IdoError('CONFLICT', `Role ${role.name} already exists`);
      throw error;
    }
  }

  async update(actor: Actor, name: string, change: { description?: string; permissions?: string[] }): Promise<RoleView> {
    await this.editable(actor.tenant, name);
    if (change.permissions) assertGrantable(actor.tenant, change.permissions);
    return this.roles.update(actor.tenant, name, { ...change, permissions: change.permissions && [...new Set(change.permissions)].sort() }, auditActorOf(actor));
  }

  async delete(actor: Actor, name: string): Promise<void> {
    await this.editable(actor.tenant, name);
    if (await this.roles.isAssigned(actor.tenant, name)) throw new IdoError('CONFLICT', `Role ${name} is still assigned; take it away first`);
    await this.roles.delete(actor.tenant, name, auditActorOf(actor));
  }

  private async editable(tenant: string, name: string): Promise<RoleView> {
    const role = await this.roles.find(tenant, name);
    if (!role) throw new IdoError('NOT_FOUND', `Role ${name} not found`);
    if (role.builtIn) throw new IdoError('PRECONDITION_FAILED', `Role ${name} is built in; create a custom role instead`);
    return role;
  }
}

function assertGrantable(tenant: string, permissions: readonly string[]): void {
  const grantable = grantablePermissions(tenant);
  const refused = permissions.filter((p) => !grantable.has(p));
  if (refused.length) throw new IdoError('VALIDATION_FAILED', 'Unknown or non-grantable permissions', { permissions: refused });
}
