import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ServiceConfig } from '@ido/platform-config';
import { MaintenanceDatabase } from '@ido/platform-tenancy';
import { SERVICE_CONFIG } from './tokens';

const startedAt = Date.now();

/** What `<module>.v1.status.get` answers: read live, never cached. */
@Injectable()
export class ServiceStatusReader {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Optional() @Inject(MaintenanceDatabase) private readonly maintenance?: MaintenanceDatabase,
  ) {}

  async read() {
    return {
      name: this.config.service,
      version: this.config.release,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
      tenantCount: this.maintenance ? await this.maintenance.countTenants() : 0,
    };
  }
}
