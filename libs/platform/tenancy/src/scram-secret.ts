import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';

/**
 * PBKDF2 iterations in a tenant login's SCRAM secret. Stretching protects guessable
 * passwords; a tenant login's password is a 256-bit HMAC output (`tenantRolePassword`),
 * which no iteration count makes harder to guess. Postgres' default (4096) cost ~4.5 ms
 * of server CPU per CREATE ROLE (it derives the key again to refuse an empty password) —
 * the largest part of provisioning a tenant — and costs the client as much at every
 * tenant connection it opens.
 */
export const tenantLoginScramIterations = 16;

/**
 * The SCRAM-SHA-256 secret Postgres stores for `password` (RFC 5802, RFC 7677), in the
 * `SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>` form that CREATE ROLE …
 * PASSWORD stores as given. Deriving it here also keeps the password itself out of SQL.
 * `password` must be plain ASCII (SASLprep leaves it unchanged): base64url is.
 */
export function scramSecret(password: string, iterations = tenantLoginScramIterations, salt = randomBytes(16)): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (text: string) => createHmac('sha256', salted).update(text).digest();
  const storedKey = createHash('sha256').update(hmac('Client Key')).digest('base64');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey}:${hmac('Server Key').toString('base64')}`;
}
