import { Counter, Gauge, type Registry } from 'prom-client';
import type { AccessState } from './access-state';
import type { TokenVerifier } from './token-verifier';

/** Exports the verifier's and access state's own counts, read at scrape time. */
export function registerIdentityMetrics(registry: Registry, verifier: TokenVerifier, state: AccessState): void {
  const registers = [registry];
  const counter = (name: string, help: string, read: () => number) => {
    let reported = 0;
    new Counter({
      name,
      help,
      registers,
      collect() {
        const total = read();
        this.inc(total - reported);
        reported = total;
      },
    });
  };
  counter('ido_identity_token_cache_hits_total', 'Access tokens served from the verified-token cache', () => verifier.stats.hits);
  counter('ido_identity_token_cache_misses_total', 'Access tokens not in the verified-token cache', () => verifier.stats.misses);
  counter('ido_identity_token_verifications_total', 'EdDSA signature checks of access tokens', () => verifier.stats.verifications);
  counter('ido_identity_jwks_fetches_total', 'JWKS fetches from identity', () => verifier.stats.jwksFetches);
  new Gauge({
    name: 'ido_identity_token_cache_entries',
    help: 'Verified access tokens cached',
    registers,
    collect() {
      this.set(verifier.stats.cachedTokens);
    },
  });
  new Gauge({
    name: 'ido_identity_access_state_age_seconds',
    help: 'Seconds since the access snapshot was last loaded from identity (since start if never)',
    registers,
    collect() {
      this.set(state.ageSeconds);
    },
  });
}
