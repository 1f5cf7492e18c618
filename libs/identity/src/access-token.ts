import { z } from 'zod';

/** Who signs access tokens and who they are for: both are checked on every verification. */
export const ACCESS_TOKEN_ISSUER = 'ido-identity';
export const ACCESS_TOKEN_AUDIENCE = 'ido-api';
/** The only signing algorithm accepted (Ed25519); `none` and HMAC are refused before any key is looked at. */
export const ACCESS_TOKEN_ALGORITHM = 'EdDSA';
/** RFC 9068's JWT type for access tokens: another JWT signed with the same key is not an access token. */
export const ACCESS_TOKEN_TYPE = 'at+jwt';
/** Access tokens live at most this long (ARCHITECTURE §5: short-lived). */
export const ACCESS_TOKEN_MAX_TTL_SECONDS = 15 * 60;
/** Tolerated clock difference between identity and a verifier. */
export const CLOCK_SKEW_SECONDS = 30;

/**
 * The claims identity puts in an access token and every verifier requires.
 * `perms` lists the permissions of the subject's roles at issue time, so a
 * service checks `@Requires` without a hop to identity.
 */
export const accessTokenClaims = z.object({
  iss: z.literal(ACCESS_TOKEN_ISSUER),
  aud: z.union([z.literal(ACCESS_TOKEN_AUDIENCE), z.array(z.string()).refine((a) => a.includes(ACCESS_TOKEN_AUDIENCE))]),
  sub: z.string().min(1),
  tenant: z.string().min(3).max(40),
  kind: z.enum(['user', 'service']),
  roles: z.array(z.string()),
  perms: z.array(z.string()),
  /** The session (refresh-token family) or service-account grant the token belongs to. */
  sid: z.uuid(),
  jti: z.string().min(1),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AccessTokenClaims = z.infer<typeof accessTokenClaims>;

/** The verified caller of one request, as handlers see it. */
export interface Actor {
  kind: 'user' | 'service';
  /** User id or service-account id. */
  id: string;
  tenant: string;
  roles: readonly string[];
  permissions: ReadonlySet<string>;
  sessionId: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

export function actorOf(claims: AccessTokenClaims): Actor {
  return {
    kind: claims.kind,
    id: claims.sub,
    tenant: claims.tenant,
    roles: claims.roles,
    permissions: new Set(claims.perms),
    sessionId: claims.sid,
    expiresAt: claims.exp,
  };
}
