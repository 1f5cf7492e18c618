import { createHash } from 'node:crypto';
import type { HttpRoute } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';

/** A UUID, ULID or any token of 8–255 safe characters, bare or as a quoted structured-field string. */
const keyFormat = /^(?:"([\w.:-]{8,255})"|([\w.:-]{8,255}))$/;

/** The client's key, or undefined when it sent none; a malformed key is refused, never ignored. */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = keyFormat.exec(header);
  if (!match) throw new IdoError('VALIDATION_FAILED', 'Idempotency-Key must be 8 to 255 letters, digits or _ . : -', { header: 'Idempotency-Key' });
  return match[1] ?? match[2];
}

/**
 * What makes two requests "the same": route and contract request (path, query
 * and body merged), with object keys in a fixed order so a client that
 * re-serialises its body differently is still recognised.
 */
export function fingerprintOf(route: HttpRoute, payload: unknown): string {
  return sha256(`${route.method} ${route.path}\n${canonicalJson(payload)}`);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
