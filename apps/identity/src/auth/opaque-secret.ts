import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isTenantId } from '@ido/platform-tenancy';

/**
 * Refresh tokens, invitation tokens and client secrets: 256 random bits, stored
 * only as a SHA-256 digest (a slow hash adds nothing at that entropy). Refresh and
 * invitation tokens name their tenant, which is where their digest is stored.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function digestOf(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function sameDigest(secret: string, digest: string): boolean {
  const actual = Buffer.from(digestOf(secret));
  const expected = Buffer.from(digest);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function tenantScopedSecret(tenant: string): string {
  return `${tenant}.${newSecret()}`;
}

/** The tenant a scoped secret belongs to, or undefined when it is not one of ours. */
export function tenantOfSecret(token: string): string | undefined {
  const [tenant, secret, extra] = token.split('.');
  return extra === undefined && secret?.length === 43 && isTenantId(tenant) ? tenant : undefined;
}
