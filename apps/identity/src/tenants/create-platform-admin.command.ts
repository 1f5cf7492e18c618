import type { ServiceCommand } from '@ido/platform-runtime';
import { z } from 'zod';
import { PlatformBootstrap } from './platform-bootstrap';

const input = z.object({ email: z.email(), password: z.string().min(1, 'IDO_PLATFORM_ADMIN_PASSWORD must be set') });

/**
 * `main.js create-platform-admin <email>`: a platform operator, with the password
 * from IDO_PLATFORM_ADMIN_PASSWORD (never argv, which `ps` shows). Idempotent.
 */
export const createPlatformAdmin: ServiceCommand = {
  usage: 'create-platform-admin <email>   (password from IDO_PLATFORM_ADMIN_PASSWORD)',
  async run(app, [email]) {
    const parsed = input.safeParse({ email, password: process.env['IDO_PLATFORM_ADMIN_PASSWORD'] ?? '' });
    if (!parsed.success) {
      process.stderr.write(`create-platform-admin: ${parsed.error.issues.map((i) => i.message).join('; ')}\n`);
      return 64;
    }
    const outcome = await app.get(PlatformBootstrap).ensurePlatformAdmin(parsed.data);
    process.stdout.write(`platform administrator ${parsed.data.email}: ${outcome}\n`);
    return 0;
  },
};
