import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@ido/identity';
import { type ModuleName, moduleNames } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { auditActorOf } from '../access/audit-actor';
import { type Tenant, TenantRegistry } from '../tenants/tenant-registry.repository';

/** Which business modules a tenant uses: the flags every service and the gateway enforce. */
@Injectable()
export class ModulesService {
  constructor(
    @Inject(TenantRegistry) private readonly tenants: TenantRegistry,
  ) {}

  async list(tenant: string): Promise<Array<{ module: ModuleName; enabled: boolean }>> {
    const enabled = new Set((await this.tenantOf(tenant)).modules);
    return moduleNames.map((module) => ({ module, enabled: enabled.has(module) }));
  }

  async set(actor: Actor, module: ModuleName, enabled: boolean): Promise<{ module: ModuleName; enabled: boolean }> {
    const tenant = actor.tenant;
    const current = new Set((await this.tenantOf(tenant)).modules);
    if (enabled) current.add(module);
    else current.delete(module);
    await this.tenants.setModules(tenant, moduleNames.filter((m) => current.has(m)), auditActorOf(actor));
    return { module, enabled };
  }

  private async tenantOf(id: string): Promise<Tenant> {
    const tenant = await this.tenants.find(id);
    if (!tenant) throw new IdoError('NOT_FOUND', 'Tenant not found');
    return tenant;
  }
}
