import { createHash } from 'node:crypto';
import { z } from 'zod';

const seconds = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);
const base64Key = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be 32 bytes, base64-encoded (openssl rand -base64 32)');

/** Identity's own environment, validated at boot like the shared one. */
export const identitySettingsSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    IDO_NAMESPACE: z.string().default('ido'),
    IDENTITY_KEY_ENCRYPTION_KEY: base64Key.optional(),
    IDO_PLATFORM_ADMIN_EMAIL: z.email().optional(),
    IDO_PLATFORM_ADMIN_PASSWORD: z.string().optional(),
    ACCESS_TOKEN_TTL_SECONDS: seconds(5, 900, 900),
    REFRESH_TOKEN_TTL_SECONDS: seconds(60, 90 * 86_400, 30 * 86_400),
    INVITATION_TTL_SECONDS: seconds(60, 30 * 86_400, 7 * 86_400),
    SIGNING_KEY_ROTATION_SECONDS: seconds(60, 365 * 86_400, 30 * 86_400),
    KEY_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    LOGIN_LOCKOUT_THRESHOLD: z.coerce.number().int().min(1).max(1_000).default(10),
    LOGIN_LOCKOUT_BASE_SECONDS: seconds(1, 86_400, 60),
    LOGIN_LOCKOUT_MAX_SECONDS: seconds(1, 7 * 86_400, 3_600),
    LOGIN_SOURCE_THRESHOLD: z.coerce.number().int().min(1).max(100_000).default(100),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.IDENTITY_KEY_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['IDENTITY_KEY_ENCRYPTION_KEY'], message: 'is required in production' });
    }
    // The password alone is how the create-platform-admin command receives it.
    if (env.IDO_PLATFORM_ADMIN_EMAIL && !env.IDO_PLATFORM_ADMIN_PASSWORD) {
      ctx.addIssue({ code: 'custom', path: ['IDO_PLATFORM_ADMIN_PASSWORD'], message: 'is required with IDO_PLATFORM_ADMIN_EMAIL' });
    }
  })
  .transform((env) => ({
    // Dev/test only: production refuses to start without a real key (above).
    keyEncryptionKey: env.IDENTITY_KEY_ENCRYPTION_KEY
      ? Buffer.from(env.IDENTITY_KEY_ENCRYPTION_KEY, 'base64')
      : createHash('sha256').update(`dev-only-key-encryption-${env.IDO_NAMESPACE}`).digest(),
    platformAdmin: env.IDO_PLATFORM_ADMIN_EMAIL && env.IDO_PLATFORM_ADMIN_PASSWORD ? { email: env.IDO_PLATFORM_ADMIN_EMAIL, password: env.IDO_PLATFORM_ADMIN_PASSWORD } : undefined,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    invitationTtlSeconds: env.INVITATION_TTL_SECONDS,
    signingKeyRotationSeconds: env.SIGNING_KEY_ROTATION_SECONDS,
    keyMaintenanceIntervalMs: env.KEY_MAINTENANCE_INTERVAL_MS,
    accountLockout: { threshold: env.LOGIN_LOCKOUT_THRESHOLD, baseSeconds: env.LOGIN_LOCKOUT_BASE_SECONDS, maxSeconds: env.LOGIN_LOCKOUT_MAX_SECONDS, windowSeconds: 900 },
    sourceLockout: { threshold: env.LOGIN_SOURCE_THRESHOLD, baseSeconds: env.LOGIN_LOCKOUT_BASE_SECONDS, maxSeconds: env.LOGIN_LOCKOUT_MAX_SECONDS, windowSeconds: 900 },
  }));

export type IdentitySettings = z.output<typeof identitySettingsSchema>;
