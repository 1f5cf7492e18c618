import { outboxMigration } from '@ido/audit';
import type { ServiceDefinition } from '@ido/platform-runtime';
import { prismaClientFactory } from '@ido/platform-tenancy';
import { PrismaClient } from '../prisma/generated/prisma/client';
import { IdentityModule } from './identity.module';
import { identitySettingsSchema } from './identity.settings';
import { createPlatformAdmin } from './tenants/create-platform-admin.command';

/** The identity service as main.ts boots it and its specs start it. */
export const identityService: ServiceDefinition = {
  name: 'identity',
  module: IdentityModule,
  settings: identitySettingsSchema,
  platformMigrations: [outboxMigration],
  tenantClient: prismaClientFactory((adapter) => new PrismaClient({ adapter })),
  commands: { 'create-platform-admin': createPlatformAdmin },
};
