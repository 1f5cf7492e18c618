import { outboxMigration } from '@ido/audit';
import type { ServiceDefinition } from '@ido/platform-runtime';
import { prismaClientFactory } from '@ido/platform-tenancy';
import { PrismaClient } from '../prisma/generated/prisma/client';
import { AccountingModule } from './accounting.module';

/** The accounting service as main.ts boots it and its specs start it. */
export const accountingService: ServiceDefinition = {
  name: 'accounting',
  module: AccountingModule,
  tenantClient: prismaClientFactory((adapter) => new PrismaClient({ adapter })),
  // The outbox every audited change writes to, in each tenant schema.
  platformMigrations: [outboxMigration],
};
