import { Logger } from '@nestjs/common';
import { httpStatusOf, IdoError } from '@ido/platform-messaging';
import { sha256 } from './idempotency-key';
import type { IdempotencyRecord, IdempotencyStore, Outcome } from './idempotency-store';

export interface KeyedCall {
  /** The verified tenant: keys of different tenants never meet. */
  tenant: string;
  key: string;
  fingerprint: string;
  /** How long a claim may stay pending before it counts as abandoned. */
  staleAfterMs: number;
}

export interface KeyedAnswer {
  outcome: Outcome;
  /** True when the outcome is the stored one of an earlier request with the key. */
  replayed: boolean;
}

const log = new Logger('Idempotency');

/**
 * Performs a keyed request at most once per tenant and key. The first request
 * claims the key and stores what the service answered; a repeat gets that answer
 * back, a different request with the same key or a repeat while the first is in
 * flight gets CONFLICT. Failures that tell nothing of what the service did
 * (no responder, timeout, internal error) free the key instead, so the client can
 * retry: the create contracts have natural unique fields, so a retry after a
 * timeout that did succeed ends in the service's own CONFLICT, not a duplicate.
 */
export async function performOnce(store: IdempotencyStore, call: KeyedCall, perform: () => Promise<unknown>): Promise<KeyedAnswer> {
  const storeKey = `${call.tenant}.${sha256(call.key)}`;
  const claim = await store.claim(storeKey, call.fingerprint, call.staleAfterMs);
  if (!claim.owned) return { outcome: storedOutcomeOf(claim.record, call.fingerprint), replayed: true };
  let outcome: Outcome;
  try {
    outcome = { kind: 'reply', body: await perform() };
  } catch (error) {
    if (!(error instanceof IdoError) || httpStatusOf[error.code] >= 500) {
      await store.release(storeKey, claim.revision).catch((reason: unknown) => warn('release', reason));
      throw error;
    }
    outcome = { kind: 'error', error: error.toWire() };
  }
  // The service has acted: its answer goes to the client even if it cannot be stored.
  await store.complete(storeKey, claim.revision, call.fingerprint, outcome).catch((reason: unknown) => warn('store the outcome of', reason));
  return { outcome, replayed: false };
}

function storedOutcomeOf(record: IdempotencyRecord, fingerprint: string): Outcome {
  if (record.fingerprint !== fingerprint) {
    throw new IdoError('CONFLICT', 'This Idempotency-Key was used for a different request', { reason: 'idempotency-key-reused' });
  }
  if (record.state === 'pending') {
    throw new IdoError('CONFLICT', 'A request with this Idempotency-Key is still in progress', { reason: 'idempotency-key-in-flight' });
  }
  return record.outcome;
}

function warn(action: string, reason: unknown): void {
  log.warn(`cannot ${action} an idempotency record: ${reason instanceof Error ? reason.message : String(reason)}`);
}
