import { join } from 'node:path';
import type { ServiceDefinition } from '@ido/platform-runtime';
import { accountingService } from '../src/accounting.definition';

/** The real accounting service, reading its migrations from the source tree (not beside a bundle). */
export const accountingUnderTest: ServiceDefinition = {
  ...accountingService,
  migrationsDir: join(import.meta.dirname, '..', 'prisma', 'migrations'),
};
