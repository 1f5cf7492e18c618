import { Inject, Injectable, Optional } from '@nestjs/common';
import type { ServiceConfig } from '@ido/platform-config';
import { ServiceDatabase } from '@ido/platform-tenancy';
import { SERVICE_CONFIG } from './tokens';

const startedAt = Date.now();

/** What `<module>.v1.status.get` answers: read live, never cached. */
@Injectable()
export class ServiceStatusReader {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Optional() @Inject(ServiceDatabase) private readonly database?: ServiceDatabase,
  ) {}

  async read() {
    return {
      name: this.config.service,
      version: this.config.release,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 100) / 10,
      tenantCount: this.database ? await this.database.countTenants() : 0,
    };
  }
}
