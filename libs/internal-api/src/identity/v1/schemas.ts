import { z } from 'zod';

/** Strict slug, 3–40 characters: the only form a tenant id ever takes. */
export const tenantId = z
  .string()
  .min(3)
  .max(40)
  .regex(/^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, 'must be a lowercase slug (letters, digits, single hyphens)');

/** The reserved tenant of the SaaS operators; it has no business modules. */
export const PLATFORM_TENANT = 'platform';

export const moduleName = z.enum(['accounting', 'sales', 'staffing', 'complaints']);
export type ModuleName = z.infer<typeof moduleName>;
export const moduleNames = moduleName.options;

export const email = z.string().trim().max(254).email();
/** Checked further by identity's password policy; the bound stops hashing huge inputs. */
export const password = z.string().min(1).max(256);
export const displayName = z.string().trim().min(1).max(120);
export const roleName = z
  .string()
  .min(2)
  .max(60)
  .regex(/^[a-z][a-z0-9-]*$/, 'must be lowercase letters, digits and hyphens');
export const permissionName = z
  .string()
  .max(120)
  .regex(/^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$/, 'must be <module>:<entity>:<action>');
export const uuid = z.uuid();
export const isoDateTime = z.iso.datetime({ offset: true });

export const pageRequest = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
};

export const tenantStatus = z.enum(['active', 'suspended']);
export const tenant = z
  .object({
    id: tenantId,
    name: z.string(),
    status: tenantStatus,
    modules: z.array(moduleName),
    createdAt: isoDateTime,
    suspendedAt: isoDateTime.nullable(),
  })
  .strict();
export type Tenant = z.infer<typeof tenant>;

export const userStatus = z.enum(['invited', 'active', 'disabled']);
export const user = z
  .object({
    id: uuid,
    email: z.string(),
    displayName: z.string(),
    status: userStatus,
    roles: z.array(z.string()),
    createdAt: isoDateTime,
    lastLoginAt: isoDateTime.nullable(),
  })
  .strict();
export type User = z.infer<typeof user>;

export const role = z
  .object({
    name: z.string(),
    description: z.string(),
    builtIn: z.boolean(),
    permissions: z.array(z.string()),
  })
  .strict();
export type Role = z.infer<typeof role>;

export const tokenPair = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    /** Seconds until the access token expires. */
    expiresIn: z.number().int().positive(),
    refreshToken: z.string(),
    refreshExpiresIn: z.number().int().positive(),
  })
  .strict();

export const jwk = z
  .object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') })
  .strict();
export type PublicJwk = z.infer<typeof jwk>;

export const serviceAccount = z
  .object({ id: uuid, name: z.string(), clientId: z.string(), roles: z.array(z.string()), createdAt: isoDateTime, disabledAt: isoDateTime.nullable() })
  .strict();
export type ServiceAccount = z.infer<typeof serviceAccount>;

export const moduleState = z.object({ module: moduleName, enabled: z.boolean() }).strict();
