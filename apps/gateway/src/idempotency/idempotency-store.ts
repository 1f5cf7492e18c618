import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { ServiceConfig } from '@ido/platform-config';
import { IdoError, NatsTransport, wireErrorSchema } from '@ido/platform-messaging';
import { SERVICE_CONFIG, SERVICE_SETTINGS } from '@ido/platform-runtime';
import type { KV, NatsConnection } from 'nats';
import { z } from 'zod';
import type { GatewaySettings } from '../gateway.settings';

const outcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply'), body: z.unknown() }).strict(),
  z.object({ kind: z.literal('error'), error: wireErrorSchema }).strict(),
]);
/** What a keyed request ended with: the service's reply, or its typed error. */
export type Outcome = z.output<typeof outcomeSchema>;

const recordSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), fingerprint: z.string(), claimedAt: z.number() }).strict(),
  z.object({ state: z.literal('done'), fingerprint: z.string(), outcome: outcomeSchema }).strict(),
]);
export type IdempotencyRecord = z.output<typeof recordSchema>;

/** Either this request now owns the key (at `revision`), or another one did first. */
export type Claim = { owned: true; revision: number } | { owned: false; record: IdempotencyRecord };

/** JetStream's "wrong last sequence": the compare-and-set lost. */
const wrongLastSequence = 10071;

export function idempotencyBucketOf(namespace: string): string {
  return `${namespace}_gateway_idempotency`;
}

/**
 * Idempotency records in a JetStream key-value bucket, since the gateway has no
 * database and every replica must see every key: `<tenant>.<sha256 of the key>`,
 * claimed atomically with `create` (only one concurrent request wins), completed
 * or released with a compare-and-set on the claim's revision, expired by the
 * bucket's TTL.
 */
@Injectable()
export class IdempotencyStore implements OnModuleInit {
  private bucket?: Promise<KV>;

  constructor(
    @Inject(NatsTransport) private readonly transport: NatsTransport,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    @Inject(SERVICE_SETTINGS) private readonly settings: GatewaySettings,
  ) {}

  /** At start, so a missing JetStream stops the gateway instead of failing its first keyed request. */
  async onModuleInit(): Promise<void> {
    await this.kv();
  }

  async claim(key: string, fingerprint: string, staleAfterMs: number): Promise<Claim> {
    const kv = await this.kv();
    const pending = encode({ state: 'pending', fingerprint, claimedAt: Date.now() });
    const created = await storeCall(() => kv.create(key, pending), wrongLastSequence);
    if (created !== undefined) return { owned: true, revision: created };
    const entry = await storeCall(() => kv.get(key));
    // Expired or released between the two calls: the key is free again.
    if (!entry || entry.operation !== 'PUT') return this.claim(key, fingerprint, staleAfterMs);
    const record = recordSchema.parse(entry.json());
    if (!isAbandoned(record, fingerprint, staleAfterMs)) return { owned: false, record };
    const taken = await storeCall(() => kv.update(key, pending, entry.revision), wrongLastSequence);
    return taken === undefined ? this.claim(key, fingerprint, staleAfterMs) : { owned: true, revision: taken };
  }

  async complete(key: string, revision: number, fingerprint: string, outcome: Outcome): Promise<void> {
    const kv = await this.kv();
    await storeCall(() => kv.update(key, encode({ state: 'done', fingerprint, outcome }), revision));
  }

  /** Frees the key for a retry, after a failure that tells nothing of what the service did. */
  async release(key: string, revision: number): Promise<void> {
    const kv = await this.kv();
    await storeCall(() => kv.delete(key, { previousSeq: revision }));
  }

  private kv(): Promise<KV> {
    this.bucket ??= this.transport
      .unwrap<NatsConnection>()
      .jetstream()
      .views.kv(idempotencyBucketOf(this.config.namespace), { ttl: this.settings.idempotencyTtlMs, history: 1 });
    return this.bucket;
  }
}

/**
 * A pending claim older than its contract's timeout belongs to a gateway that
 * died mid-request; the same request may take it over rather than wait out the TTL.
 */
function isAbandoned(record: IdempotencyRecord, fingerprint: string, staleAfterMs: number): boolean {
  return record.state === 'pending' && record.fingerprint === fingerprint && Date.now() - record.claimedAt > staleAfterMs;
}

function encode(record: IdempotencyRecord): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(record));
}

/** A store failure is UNAVAILABLE: without it the gateway cannot promise "at most once". */
async function storeCall<T>(call: () => Promise<T>, lostRaceCode?: number): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (lostRaceCode !== undefined && (error as { api_error?: { err_code?: number } }).api_error?.err_code === lostRaceCode) return undefined;
    throw new IdoError('UNAVAILABLE', 'The idempotency store is unavailable');
  }
}
