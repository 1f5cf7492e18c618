import { randomUUID } from 'node:crypto';
import { Controller, Module, type Type } from '@nestjs/common';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, IdentityModule, type Jwks, Public, Requires, TokenVerifier } from '@ido/identity';
import { identityV1 } from '@ido/internal-api';
import { Handles } from '@ido/platform-messaging';
import { startTestService } from '@ido/platform-service-harness';
import { infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { type CryptoKey, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { connect, headers as nh } from 'nats';
import { z } from 'zod';
import { measure, report, type Sample } from './measure';

/*
 * npm run bench:identity — what authentication costs a service: (a) one raw jose
 * EdDSA verification, (b) TokenVerifier.verify served from its cache (and a miss,
 * i.e. jose plus our checks), (c) NATS round trips to the same handler guarded by
 * @Requires against @Public, from the same client connection with the same headers.
 */
const scale = Number(process.env['BENCH_SCALE'] ?? 1);
const verifyCount = Math.round(5_000 * scale);
const cachedCount = Math.round(200_000 * scale);
const serialCount = Math.round(2_000 * scale);
const parallelCount = Math.round(20_000 * scale);
/** Guarded and public run interleaved, round after round; each row is the median round. */
const rounds = 3;

type Jwk = Jwks['keys'][number];
interface BenchKey {
  publicKey: CryptoKey;
  privateKey: CryptoKey;
  jwk: Jwk;
}
const kid = 'bench-key';
const tenant = 'acme';

async function benchKey(): Promise<BenchKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const { x } = await exportJWK(publicKey);
  return { publicKey, privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: x ?? '', kid, alg: 'EdDSA', use: 'sig' } };
}

function signToken({ privateKey }: BenchKey): Promise<string> {
  const now = Math.floor(Date.now() / 1_000);
  return new SignJWT({ tenant, kind: 'user', roles: ['rep'], perms: ['sales:lead:read', 'sales:lead:manage'], sid: randomUUID() })
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'at+jwt' })
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setSubject(randomUUID())
    .setJti(randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(privateKey);
}

/** Serves identity's two contracts a verifier needs: the JWKS and the access snapshot. */
function standInIdentity(jwk: Jwk): Type {
  @Public()
  @Controller()
  class StandInIdentityController {
    @Handles(identityV1.jwksGet)
    jwks() {
      return { keys: [jwk] };
    }

    @Handles(identityV1.accessSnapshot)
    snapshot() {
      return { tenants: [{ id: tenant, status: 'active', modules: ['sales'] }], revokedSessions: [] };
    }
  }
  @Module({ controllers: [StandInIdentityController] })
  class StandInIdentityModule {}
  return StandInIdentityModule;
}

const lead = (verb: string) => ({
  subject: `bench.v1.lead.${verb}`,
  request: z.object({ id: z.string() }).strict(),
  reply: z.object({ id: z.string(), name: z.string() }).strict(),
  timeoutMs: 5_000,
});
const guardedRead = lead('read-guarded');
const publicRead = lead('read-public');

@Controller()
class LeadController {
  @Requires('sales:lead:read')
  @Handles(guardedRead)
  guarded({ id }: { id: string }) {
    return { id, name: 'Initech' };
  }

  @Public()
  @Handles(publicRead)
  open({ id }: { id: string }) {
    return { id, name: 'Initech' };
  }
}

@Module({ imports: [IdentityModule.forService()], controllers: [LeadController] })
class LeadModule {}

function median(runs: Sample[]): Sample {
  return [...runs].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(runs.length / 2)] as Sample;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

async function verification(key: BenchKey) {
  const token = await signToken(key);
  const fresh = await Promise.all(Array.from({ length: verifyCount }, () => signToken(key)));
  const jose = () => jwtVerify(token, key.publicKey, { algorithms: ['EdDSA'], issuer: ACCESS_TOKEN_ISSUER, audience: ACCESS_TOKEN_AUDIENCE });
  const verifier = new TokenVerifier(async () => ({ keys: [key.jwk] }));
  let n = 0;
  const miss = () => verifier.verify(fresh[n++ % fresh.length] as string);
  await measure('warm-up', 'jose', 1_000, 1, jose);
  const rows = [
    await measure('verify (1 at a time)', 'raw jose EdDSA', verifyCount, 1, jose),
    await measure('verify (1 at a time)', 'TokenVerifier miss', verifyCount, 1, miss),
  ];
  await verifier.verify(token);
  rows.push(await measure('verify (1 at a time)', 'TokenVerifier cached hit', cachedCount, 1, () => verifier.verify(token)));
  return { rows, stats: verifier.stats };
}

async function guardCost(key: BenchKey): Promise<Sample[]> {
  const namespace = newTestNamespace();
  const identity = await startTestService({ name: 'identity', module: standInIdentity(key.jwk) }, { namespace });
  const service = await startTestService({ name: 'sales', module: LeadModule }, { namespace });
  const client = await connect({ servers: infrastructureUrls().natsUrl, noAsyncTraces: true });
  try {
    const authorization = `Bearer ${await signToken(key)}`;
    const body = new TextEncoder().encode(JSON.stringify({ id: 'lead-000123' }));
    const call = (subject: string) => () => {
      const h = nh();
      h.set('ido-request-id', 'Q2ZJ1VJ4J8DPOYX3RZ2K9D');
      h.set('ido-tenant', tenant);
      h.set('authorization', authorization);
      return client.request(`${namespace}.${subject}`, body, { timeout: 5_000, headers: h });
    };
    const modes = [
      ['@Public', call(publicRead.subject)],
      ['@Requires', call(guardedRead.subject)],
    ] as const;
    for (const [label, run] of modes) await measure('warm-up', label, 3_000, 64, run);
    const rows: Sample[] = [];
    for (const [scenario, total, concurrency] of [['round trip, serial', serialCount, 1], ['round trip, 64 in flight', parallelCount, 64]] as const) {
      const samples = new Map<string, Sample[]>();
      for (let r = 0; r < rounds; r++) {
        for (const [label, run] of modes) samples.set(label, [...(samples.get(label) ?? []), await measure(scenario, label, total, concurrency, run)]);
      }
      for (const [, runs] of samples) rows.push(median(runs));
    }
    return rows;
  } finally {
    await client.close();
    await service.stop();
    await identity.stop();
  }
}

async function main() {
  const key = await benchKey();
  const { rows: verify, stats } = await verification(key);
  const guard = await guardCost(key);
  const ratio = (scenario: string) => {
    const of = (mode: string) => guard.find((r) => r.scenario === scenario && r.mode === mode)?.perSecond ?? 0;
    return round2(of('@Requires') / (of('@Public') || 1));
  };
  const byMode = (mode: string) => verify.find((r) => r.mode === mode)?.perSecond ?? 0;
  report('identity-verify', [...verify, ...guard], {
    joseVerifyMicroseconds: round2(1e6 / (byMode('raw jose EdDSA') || 1)),
    cachedHitMicroseconds: round2(1e6 / (byMode('TokenVerifier cached hit') || 1)),
    guardedOverPublicSerial: ratio('round trip, serial'),
    guardedOverPublicAt64: ratio('round trip, 64 in flight'),
    // Proof the hits never reached jose: verifications = misses.
    verifierStats: stats,
    rounds,
  });
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
