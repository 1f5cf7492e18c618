import type { ServiceDefinition } from '@ido/platform-runtime';
import { archiveCommand } from './archive/archive.command';
import { AuditModule } from './audit.module';
import { auditSettingsSchema } from './audit.settings';

/** The audit service as main.ts boots it and its specs start it. */
export const auditService: ServiceDefinition = {
  name: 'audit',
  module: AuditModule,
  settings: auditSettingsSchema,
  commands: { archive: archiveCommand },
};
