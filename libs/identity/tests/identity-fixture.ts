import { randomUUID } from 'node:crypto';
import { Controller, type DynamicModule, Module, type Type } from '@nestjs/common';
import { type EventContract, identityPermissions, identitySchemas, identityV1 } from '@ido/internal-api';
import { Handles, type MessageContract, Public, wireSubject } from '@ido/platform-messaging';
import { startTestService, type TestService } from '@ido/platform-service-harness';
import { newTestNamespace, rawRequest } from '@ido/platform-testing';
import { type CryptoKey, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { z } from 'zod';
import {
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  type AccessSnapshot,
  Authenticated,
  IdentityModule,
  type IdentityOptions,
  optionalActor,
  Requires,
} from '../src';

/*
 * A stand-in identity service on the real NATS: it serves a JWKS and an access
 * snapshot that each test changes, and signs tokens with its Ed25519 keys.
 */
export interface TestSigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: identitySchemas.PublicJwk;
}

export async function newSigningKey(kid = `key-${randomUUID()}`): Promise<TestSigningKey> {
  const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const { x } = await exportJWK(publicKey);
  return { kid, privateKey, jwk: { kty: 'OKP', crv: 'Ed25519', x: x ?? '', kid, alg: 'EdDSA', use: 'sig' } };
}

export const tenant = 'acme';
export const otherTenant = 'globex';

/** The claims identity would issue; `overrides` with `undefined` leave a claim out. */
export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1_000);
  return {
    iss: ACCESS_TOKEN_ISSUER,
    aud: ACCESS_TOKEN_AUDIENCE,
    sub: randomUUID(),
    tenant,
    kind: 'user',
    roles: ['clerk'],
    perms: ['identity:user:create'],
    sid: randomUUID(),
    jti: randomUUID(),
    iat: now,
    exp: now + 900,
    ...overrides,
  };
}

export function signToken(key: TestSigningKey, payload: Record<string, unknown> = claims(), header: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'at+jwt', ...header }).sign(key.privateKey);
}

export class FakeIdentity {
  keys: TestSigningKey[] = [];
  snapshot: AccessSnapshot = {
    tenants: [
      { id: tenant, status: 'active', modules: ['sales', 'accounting'] },
      { id: otherTenant, status: 'active', modules: ['sales'] },
    ],
    revokedSessions: [],
  };
  jwksRequests = 0;
  snapshotRequests = 0;
}

/** The module of a stand-in identity service serving `fake`'s keys and snapshot. */
export function fakeIdentityModule(fake: FakeIdentity): Type {
  @Public()
  @Controller()
  class FakeIdentityController {
    @Handles(identityV1.jwksGet)
    jwks() {
      fake.jwksRequests++;
      return { keys: fake.keys.map((key) => key.jwk) };
    }

    @Handles(identityV1.accessSnapshot)
    snapshot() {
      fake.snapshotRequests++;
      return fake.snapshot;
    }
  }
  @Module({ controllers: [FakeIdentityController] })
  class FakeIdentityModule {}
  return FakeIdentityModule;
}

export interface IdentityFixture {
  namespace: string;
  fake: FakeIdentity;
  key: TestSigningKey;
  identity: TestService;
  service: TestService;
  publish<P extends z.ZodType>(event: EventContract<P>, payload: z.input<P>): Promise<void>;
  /** A raw request to the service under test, as any NATS client would send it. */
  call(subject: string, token?: string, headers?: Record<string, string>): ReturnType<typeof rawRequest>;
  stop(): Promise<void>;
}

/** The fake identity and the service under test (sales, a business module), in one fresh namespace. */
export async function startIdentityFixture(module: Type | DynamicModule): Promise<IdentityFixture> {
  const namespace = newTestNamespace();
  const fake = new FakeIdentity();
  const key = await newSigningKey();
  fake.keys = [key];
  const identity = await startTestService({ name: 'identity', module: fakeIdentityModule(fake) }, { namespace });
  const service = await startTestService({ name: 'sales', module }, { namespace });
  return {
    namespace,
    fake,
    key,
    identity,
    service,
    publish: async (event, payload) => {
      identity.nats.publish(wireSubject(namespace, event.subject), JSON.stringify(payload));
      await identity.nats.flush();
    },
    call: (subject, token, headers = {}) =>
      rawRequest(service.nats, service.subject(subject), {}, token ? { authorization: `Bearer ${token}`, ...headers } : headers),
    stop: async () => {
      await service.stop();
      await identity.stop();
    },
  };
}

/** Polls until `check` passes (events travel asynchronously), failing after `timeoutMs`. */
export async function eventually(check: () => Promise<void>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const probeContract = (verb: string) =>
  ({
    subject: `probe.v1.call.${verb}`,
    request: z.object({}).strict(),
    reply: z.object({ actor: z.string().nullable(), tenant: z.string().nullable() }).strict(),
    timeoutMs: 3_000,
  }) satisfies MessageContract;

/** Handlers of the service under test, one per kind of access rule. */
export const probe = {
  createUser: probeContract('create-user'),
  readLeads: probeContract('read-leads'),
  me: probeContract('me'),
  open: probeContract('open'),
  forgotten: probeContract('forgotten'),
  manageLeads: probeContract('manage-leads'),
  ping: probeContract('ping'),
};

function who() {
  const actor = optionalActor();
  return { actor: actor?.id ?? null, tenant: actor?.tenant ?? null };
}

@Controller()
class ProbeController {
  @Requires(identityPermissions.userCreate)
  @Handles(probe.createUser)
  createUser() {
    return who();
  }

  @Requires('sales:lead:read')
  @Handles(probe.readLeads)
  readLeads() {
    return who();
  }

  @Authenticated()
  @Handles(probe.me)
  me() {
    return who();
  }

  @Public()
  @Handles(probe.open)
  open() {
    return who();
  }

  /** Declares no rule: a programming error the guard must refuse. */
  @Handles(probe.forgotten)
  forgotten() {
    return who();
  }
}

/** A public controller with one guarded method: the method's rule wins. */
@Public()
@Controller()
class MixedController {
  @Requires('sales:lead:manage')
  @Handles(probe.manageLeads)
  manageLeads() {
    return who();
  }

  @Handles(probe.ping)
  ping() {
    return who();
  }
}

export function probeModule(options: IdentityOptions = {}): Type {
  @Module({ imports: [IdentityModule.forService(options)], controllers: [ProbeController, MixedController] })
  class ProbeModule {}
  return ProbeModule;
}
