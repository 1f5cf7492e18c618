import { join } from 'node:path';
import type { ServiceDefinition } from '@ido/platform-runtime';
import { identityService } from '../src/identity.definition';

/** The real identity service, reading its migrations from the source tree (not beside a bundle). */
export const identityUnderTest: ServiceDefinition = {
  ...identityService,
  migrationsDir: join(import.meta.dirname, '..', 'prisma', 'migrations'),
};
