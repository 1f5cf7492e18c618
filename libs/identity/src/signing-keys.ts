import { identityV1 } from '@ido/internal-api';
import { IdoError } from '@ido/platform-messaging';
import { type CryptoKey, importJWK } from 'jose';
import type { z } from 'zod';
import { ACCESS_TOKEN_ALGORITHM } from './access-token';
import { Refresher } from './refresher';

export type Jwks = z.output<typeof identityV1.jwksGet.reply>;
/** Where the verifier gets identity's public keys (in a service: `identityV1.jwksGet` over NATS). */
export type JwksSource = () => Promise<Jwks>;

interface ImportedKey {
  /** The public key's bytes as published; a kid reused for other bytes is a different key. */
  x: string;
  key: CryptoKey;
}

/**
 * Identity's public keys by kid, imported once. A refetched JWKS replaces the set
 * outright, so a retired key stops verifying at once; an unknown kid refetches,
 * but no more often than `unknownKidRefetchMs` (bogus kids must not hammer identity).
 */
export class SigningKeys {
  private keys = new Map<string, ImportedKey>();
  private everLoaded = false;
  private fetchCount = 0;
  private readonly refresher: Refresher;

  constructor(
    private readonly source: JwksSource,
    unknownKidRefetchMs: number,
    private readonly onChange: () => void,
  ) {
    this.refresher = new Refresher(() => this.fetch(), unknownKidRefetchMs);
  }

  get fetches(): number {
    return this.fetchCount;
  }

  /** Whether a JWKS was ever fetched (until then no token can be verified). */
  get loaded(): boolean {
    return this.everLoaded;
  }

  /** A JWKS fetched after this call (not one already in flight). */
  refresh(): Promise<void> {
    return this.refresher.run();
  }

  /** The key for a kid, refetching (rate-limited) when it is unknown. */
  async find(kid: string): Promise<CryptoKey | undefined> {
    const known = this.keys.get(kid);
    if (known) return known.key;
    await this.refresher.runAtMostEvery().catch(() => undefined);
    if (!this.everLoaded) throw new IdoError('UNAVAILABLE', 'Signing keys are not available yet');
    return this.keys.get(kid)?.key;
  }

  private async fetch(): Promise<void> {
    this.fetchCount++;
    const jwks = identityV1.jwksGet.reply.parse(await this.source());
    const next = new Map<string, ImportedKey>();
    for (const jwk of jwks.keys) {
      const current = this.keys.get(jwk.kid);
      next.set(jwk.kid, current?.x === jwk.x ? current : { x: jwk.x, key: await importJWK(jwk, ACCESS_TOKEN_ALGORITHM) });
    }
    const changed = !sameKeys(this.keys, next);
    this.keys = next;
    this.everLoaded = true;
    if (changed) this.onChange();
  }
}

function sameKeys(a: Map<string, ImportedKey>, b: Map<string, ImportedKey>): boolean {
  return a.size === b.size && [...a].every(([kid, key]) => b.get(kid) === key);
}
