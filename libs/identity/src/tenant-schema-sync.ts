import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';
import { PLATFORM_TENANT } from '@ido/internal-api';
import type { ServiceConfig } from '@ido/platform-config';
import { SERVICE_CONFIG } from '@ido/platform-runtime';
import { MaintenanceDatabase } from '@ido/platform-tenancy';
import { AccessState } from './access-state';
import { IDENTITY_SETTINGS, type IdentitySettings } from './identity-sync';

/**
 * A persisting service's tenant schemas follow identity's registry: a tenant
 * identity announces (event) or lists (snapshot, so one missed while the service
 * was down) gets its schema here. Identity provisions its own; the platform
 * tenant has no business data, so it gets one only where a service keeps data of
 * the operators themselves (the audit log).
 */
@Injectable()
export class TenantSchemaSync implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('TenantSchemas');
  private stopListening?: () => void;
  private running?: Promise<void>;
  private again = false;

  constructor(
    @Inject(AccessState) private readonly state: AccessState,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(IDENTITY_SETTINGS) private readonly settings: IdentitySettings,
    @Optional() @Inject(MaintenanceDatabase) private readonly maintenance?: MaintenanceDatabase,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.maintenance || this.config.service === 'identity') return;
    this.stopListening = this.state.onTenantsChanged(() => void this.reconcile());
    void this.reconcile();
  }

  onModuleDestroy(): void {
    this.stopListening?.();
  }

  /** One pass at a time; a change during a pass asks for one more. */
  reconcile(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.provisionMissing().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.reconcile();
      }
    });
    return this.running;
  }

  private async provisionMissing(): Promise<void> {
    const maintenance = this.maintenance as MaintenanceDatabase;
    const existing = new Set(await maintenance.listTenants().catch(() => this.state.tenantIds()));
    for (const tenant of this.state.tenantIds()) {
      if ((tenant === PLATFORM_TENANT && !this.settings.keepsPlatformData) || existing.has(tenant)) continue;
      try {
        await maintenance.provisionTenant(tenant);
        this.log.log(`tenant ${tenant} provisioned`);
      } catch (error) {
        this.log.error(`tenant ${tenant} not provisioned (retried at the next snapshot): ${(error as Error).message}`);
      }
    }
  }
}
