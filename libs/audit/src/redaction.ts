/** What a redacted value reads as: the key stays, so the log still shows that it changed. */
export const REDACTED = '[redacted]';

/**
 * Key names whose values never enter the audit log or an event: credentials and
 * anything derived from them (a hash of a password or token is still a secret).
 * Matched on the key with separators removed, case-insensitively.
 */
const secretKey = /pass(word|phrase)?|secret|token|hash|salt|apikey|privatekey|credential|otp|pin$|cvv|iban|sealed/;

export function isSecretKey(key: string): boolean {
  return secretKey.test(key.replace(/[-_\s.]/g, '').toLowerCase());
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * A JSON copy of `value` with every secret-named key's value replaced by REDACTED,
 * at any depth. Dates become ISO strings, undefined fields disappear (as in JSON).
 */
export function redactSecrets(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key !== '' && isSecretKey(key) && inner != null ? REDACTED : inner)) ?? 'null') as JsonValue;
}

/** An entity's state for the audit log: a redacted JSON object, or null when there is none. */
export function redactedState(state: object | null | undefined): { [key: string]: JsonValue } | null {
  if (state == null) return null;
  const redacted = redactSecrets(state);
  if (redacted === null || typeof redacted !== 'object' || Array.isArray(redacted)) throw new Error('an audited state must be a JSON object');
  return redacted;
}
