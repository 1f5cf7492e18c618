import { Inject, Injectable, Logger } from '@nestjs/common';
import type { AuditActor } from '@ido/audit';
import { optionalActor } from '@ido/identity';
import type { ModuleName } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { isUniqueViolation, MaintenanceDatabase } from '@ido/platform-tenancy';
import { builtInRolesOf, PLATFORM_TENANT } from '../roles/built-in-roles';
import { RolesRepository } from '../roles/roles.repository';
import { auditActorOf } from '../access/audit-actor';
import { identityItself } from '../access/audit-actor';
import { UsersService } from '../users/users.service';
import { normalizeEmail, type UserView } from '../users/users.repository';
import { type Tenant, TenantRegistry, type TenantStatus } from './tenant-registry.repository';

export interface NewTenant {
  id: string;
  name: string;
  modules: ModuleName[];
  admin: { email: string; displayName: string; password?: string };
}

/**
 * The tenant lifecycle. Creating one is maintenance work done on a platform
 * operator's request: it is the one request path that holds the maintenance
 * connection (to create the tenant's schema and roles), and only here.
 */
@Injectable()
export class TenantsService {
  private readonly log = new Logger('Tenants');

  constructor(
    @Inject(TenantRegistry) private readonly tenants: TenantRegistry,
    @Inject(MaintenanceDatabase) private readonly maintenance: MaintenanceDatabase,
    @Inject(RolesRepository) private readonly roles: RolesRepository,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  /** Schema, built-in roles and first admin, then the registry entry: a tenant is listed only once complete. */
  async create(request: NewTenant, by: AuditActor): Promise<{ tenant: Tenant; admin: { user: UserView; invitationToken: string | null } }> {
    if (request.id === PLATFORM_TENANT) throw new IdoError('CONFLICT', 'Tenant id is reserved');
    if (await this.tenants.find(request.id)) throw new IdoError('CONFLICT', `Tenant ${request.id} already exists`);
    await this.prepare(request.id);
    const admin = await this.firstAdmin(request.id, request.admin);
    const tenant = await this.tenants.insert({ id: request.id, name: request.name, modules: request.modules }, by).catch((error: unknown) => {
      throw isUniqueViolation(error) ? new IdoError('CONFLICT', `Tenant ${request.id} already exists`) : error;
    });
    this.log.log(`tenant ${tenant.id} provisioned`);
    return { tenant, admin };
  }

  /** The tenant's schema (idempotent) with its built-in roles in step with the code. */
  async prepare(tenant: string): Promise<void> {
    await this.maintenance.provisionTenant(tenant);
    await this.syncBuiltInRoles(tenant);
  }

  syncBuiltInRoles(tenant: string): Promise<void> {
    return this.roles.syncBuiltIn(tenant, builtInRolesOf(tenant));
  }

  async get(id: string): Promise<Tenant> {
    const tenant = await this.tenants.find(id);
    if (!tenant) throw new IdoError('NOT_FOUND', 'Tenant not found');
    return tenant;
  }

  list(query: { limit: number; cursor?: string; status?: TenantStatus }) {
    return this.tenants.page(query);
  }

  /** Suspension takes effect at every verifier at once (event), and at identity for new sign-ins. */
  async setStatus(id: string, status: TenantStatus, by: AuditActor): Promise<Tenant> {
    if (id === PLATFORM_TENANT) throw new IdoError('PRECONDITION_FAILED', 'The platform tenant cannot be suspended');
    await this.get(id);
    const tenant = await this.tenants.setStatus(id, status, by);
    this.log.log(`tenant ${id} is now ${status}`);
    return tenant;
  }

  /** A retry after a failure half-way finds the admin already there and keeps it. */
  private async firstAdmin(tenant: string, admin: NewTenant['admin']) {
    const existing = (await this.users.list(tenant, { limit: 1, email: admin.email })).items.find((u) => normalizeEmail(u.email) === normalizeEmail(admin.email));
    if (existing) return { user: existing, invitationToken: null };
    const adminRole = tenant === PLATFORM_TENANT ? 'platform-admin' : 'tenant-admin';
    // The platform operator creating the tenant, when there is one (the CLI and retries run as identity).
    const operator = optionalActor();
    return this.users.create(tenant, { ...admin, roles: [adminRole] }, operator ? auditActorOf(operator) : identityItself);
  }
}
