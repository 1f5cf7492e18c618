/*
 * Sign-ins per second through the real identity service (the built bundle, run as
 * production runs it), against the cost of the argon2id verification every
 * sign-in must pay, measured in the same run on the same machine.
 *
 * Needs `npx nx run identity:build` first (npm run bench:identity-login does it).
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { identityV1 } from '@ido/internal-api';
import { MessageBus } from '@ido/platform-messaging';
import { startBuiltService } from '@ido/platform-service-harness';
import { connectTestNats, dropNamespaceDatabases, newTestNamespace } from '@ido/platform-testing';
import { measure, report, type Sample } from './measure';

/** The parameters identity hashes with (apps/identity/src/passwords/password-hasher.ts: OWASP's argon2id). */
const owasp = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const operator = { email: 'ops@bench.test', password: 'benchmark operator passphrase' };
const userPassword = 'the perimeter is quiet at dawn';
const users = 20;

async function main(): Promise<void> {
  const namespace = newTestNamespace();
  // Listening means bootstrapped: the platform operator exists, sign-ins are served.
  const identity = await startBuiltService('identity', {
    namespace,
    env: { IDO_PLATFORM_ADMIN_EMAIL: operator.email, IDO_PLATFORM_ADMIN_PASSWORD: operator.password },
  });
  const nats = await connectTestNats();
  const bus = new MessageBus(() => nats, namespace);
  try {
    const ops = await bus.request(identityV1.authLogin, { tenant: 'platform', ...operator });
    const admin = { email: 'boss@bench.test', displayName: 'Boss', password: 'bench tenant admin passphrase' };
    await bus.request(identityV1.tenantCreate, { id: 'bench', name: 'Bench', modules: [], admin }, { authorization: `Bearer ${ops.accessToken}` });
    const { accessToken } = await bus.request(identityV1.authLogin, { tenant: 'bench', email: admin.email, password: admin.password });
    for (let i = 0; i < users; i++) {
      await bus.request(identityV1.userCreate, { email: `guard${i}@bench.test`, displayName: `Guard ${i}`, roles: ['guard'], password: userPassword }, { authorization: `Bearer ${accessToken}` });
    }

    const stored = await hash(userPassword, owasp);
    let n = 0;
    const signIn = () => bus.request(identityV1.authLogin, { tenant: 'bench', email: `guard${n++ % users}@bench.test`, password: userPassword });
    const rows: Sample[] = [];
    for (const concurrency of [1, 2, 4]) {
      rows.push(await measure('argon2id verify (baseline)', `${concurrency} in flight`, 200, concurrency, () => verify(stored, userPassword)));
      rows.push(await measure('sign-in through identity', `${concurrency} in flight`, 200, concurrency, signIn));
    }
    const ratios = [1, 2, 4].map((c) => {
      const [baseline, login] = rows.filter((r) => r.mode === `${c} in flight`);
      return { concurrency: c, loginPerArgon2: Math.round(((login?.perSecond ?? 0) / (baseline?.perSecond ?? 1)) * 100) / 100 };
    });
    console.table(ratios);
    report('identity-login', rows, { ratios, argon2: owasp });
  } finally {
    await nats.close();
    await identity.stop();
    await dropNamespaceDatabases(namespace);
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
