import { decodeProtectedHeader, errors, jwtVerify, type JWTVerifyOptions } from 'jose';
import {
  ACCESS_TOKEN_ALGORITHM,
  ACCESS_TOKEN_TYPE,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  ACCESS_TOKEN_MAX_TTL_SECONDS,
  accessTokenClaims,
  type AccessTokenClaims,
  type Actor,
  actorOf,
  CLOCK_SKEW_SECONDS,
} from './access-token';
import { type TokenRejection, unauthenticated } from './refusals';
import { type JwksSource, SigningKeys } from './signing-keys';
import { VerifiedTokenCache } from './verified-token-cache';

export interface TokenVerifierOptions {
  /** Verified tokens kept (LRU). Default 10,000. */
  cacheSize?: number;
  /** Least time between JWKS refetches caused by unknown kids. Default 5 s. */
  unknownKidRefetchMs?: number;
}

/** A token that passed every check, with the actor it names (built once, then cached). */
export interface VerifiedToken {
  readonly claims: AccessTokenClaims;
  readonly actor: Actor;
}

export interface VerifierStats {
  /** Served from the verified-token cache. */
  hits: number;
  misses: number;
  /** Signature checks by jose (the expensive part). */
  verifications: number;
  jwksFetches: number;
  cachedTokens: number;
}

const verifyOptions: JWTVerifyOptions = {
  algorithms: [ACCESS_TOKEN_ALGORITHM],
  typ: ACCESS_TOKEN_TYPE,
  issuer: ACCESS_TOKEN_ISSUER,
  audience: ACCESS_TOKEN_AUDIENCE,
  clockTolerance: CLOCK_SKEW_SECONDS,
  // jose adds the tolerance: a token older than 15 min + skew is refused whatever its exp says.
  maxTokenAge: ACCESS_TOKEN_MAX_TTL_SECONDS,
  requiredClaims: ['exp', 'iat', 'sub', 'jti'],
};

/** Compact JWS: three base64url parts; bounded so garbage never reaches jose or the cache. */
const compactJws = /^[\w-]+\.[\w-]+\.[\w-]*$/;
const maxTokenLength = 8_192;

/**
 * Verifies access tokens against identity's JWKS: EdDSA only, issuer, audience,
 * expiry with skew, kid required, claims by schema. An EdDSA check costs ~150 µs,
 * so each token is verified once per process and then served from an LRU until its exp.
 */
export class TokenVerifier {
  private readonly cache: VerifiedTokenCache<VerifiedToken>;
  private readonly keys: SigningKeys;
  private readonly counts = { hits: 0, misses: 0, verifications: 0 };

  constructor(source: JwksSource, options: TokenVerifierOptions = {}) {
    this.cache = new VerifiedTokenCache(options.cacheSize ?? 10_000);
    // A changed key set may have retired the key of a cached token.
    this.keys = new SigningKeys(source, options.unknownKidRefetchMs ?? 5_000, () => this.cache.clear());
  }

  get stats(): VerifierStats {
    return { ...this.counts, jwksFetches: this.keys.fetches, cachedTokens: this.cache.size };
  }

  /** Whether identity's keys were ever loaded: until then every token is refused UNAVAILABLE. */
  get hasKeys(): boolean {
    return this.keys.loaded;
  }

  /** Refetches the JWKS (on `signingKeysChanged`, periodically); keys no longer listed stop verifying. */
  refreshKeys(): Promise<void> {
    return this.keys.refresh();
  }

  /** Throws IdoError UNAUTHENTICATED with `details.reason`, or UNAVAILABLE while no JWKS was ever fetched. */
  async verify(token: string): Promise<VerifiedToken> {
    const cached = this.cache.get(token, nowSeconds());
    if (cached) {
      this.counts.hits++;
      return cached;
    }
    this.counts.misses++;
    const verified = await this.verifyUncached(token);
    // Within the skew after exp jose still accepts; such a token is re-verified each time, never cached.
    if (verified.claims.exp > nowSeconds()) this.cache.set(token, verified, verified.claims.exp);
    return verified;
  }

  private async verifyUncached(token: string): Promise<VerifiedToken> {
    const kid = this.kidOf(token);
    const key = await this.keys.find(kid);
    if (!key) throw unauthenticated('unknown-key');
    this.counts.verifications++;
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, key, verifyOptions));
    } catch (error) {
      throw unauthenticated(rejectionOf(error));
    }
    const claims = accessTokenClaims.safeParse(payload);
    if (!claims.success) throw unauthenticated('invalid-claims');
    return Object.freeze({ claims: claims.data, actor: Object.freeze(actorOf(claims.data)) });
  }

  /** The algorithm is checked before any key is looked up: `none` and HMAC never reach a key. */
  private kidOf(token: string): string {
    if (token.length > maxTokenLength || !compactJws.test(token)) throw unauthenticated('malformed');
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw unauthenticated('malformed');
    }
    if (header.alg !== ACCESS_TOKEN_ALGORITHM) throw unauthenticated('algorithm');
    if (typeof header.kid !== 'string' || header.kid === '') throw unauthenticated('malformed');
    return header.kid;
  }
}

function nowSeconds(): number {
  return Date.now() / 1_000;
}

function rejectionOf(error: unknown): TokenRejection {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad-signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm';
  if (error instanceof errors.JWTClaimValidationFailed) return claimRejection(error);
  return 'malformed';
}

function claimRejection(error: errors.JWTClaimValidationFailed): TokenRejection {
  if (error.reason === 'missing') return 'invalid-claims';
  if (error.claim === 'iss') return 'wrong-issuer';
  if (error.claim === 'aud') return 'wrong-audience';
  if (error.claim === 'iat' || error.claim === 'nbf') return 'not-yet-valid';
  return 'invalid-claims';
}
