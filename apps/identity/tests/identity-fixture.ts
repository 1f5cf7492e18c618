import { type Contract, identityV1, type ModuleName, type ReplyOf, type RequestOf } from '@ido/internal-api';
import { type CallContext, MessageBus } from '@ido/platform-messaging';
import { type Outcome, outcomeOf, startTestService, type TestService } from '@ido/platform-service-harness';
import { identityUnderTest } from './identity-under-test';

export const platformAdmin = { email: 'ops@platform.test', password: 'platform operator passphrase' };


export interface TenantAdmin {
  tenant: string;
  email: string;
  password: string;
  tokens: ReplyOf<typeof identityV1.authLogin>;
  token: string;
}

/** The real identity service in its own namespace, with a platform operator from env and helpers to call it. */
export async function identityFixture(env: Record<string, string> = {}) {
  const service: TestService = await startTestService(identityUnderTest, {
    env: { IDO_PLATFORM_ADMIN_EMAIL: platformAdmin.email, IDO_PLATFORM_ADMIN_PASSWORD: platformAdmin.password, ...env },
  });
  const bus = new MessageBus(() => service.nats, service.config.namespace);

  function call<C extends Contract>(contract: C, payload: RequestOf<C>, token?: string, context: CallContext = {}): Promise<ReplyOf<C>> {
    return bus.request(contract, payload, { ...(token && { authorization: `Bearer ${token}` }), ...context }) as Promise<ReplyOf<C>>;
  }

  const attempt = <C extends Contract>(contract: C, payload: RequestOf<C>, token?: string, context: CallContext = {}): Promise<Outcome<ReplyOf<C>>> =>
    outcomeOf(call(contract, payload, token, context));

  const login = (tenant: string, email: string, password: string, context: CallContext = {}) => call(identityV1.authLogin, { tenant, email, password }, undefined, context);
  const platformToken = (await login('platform', platformAdmin.email, platformAdmin.password)).accessToken;

  async function createTenant(id: string, modules: ModuleName[] = []): Promise<TenantAdmin> {
    const email = `admin@${id}.test`;
    const password = `${id} night shift passphrase`;
    await call(identityV1.tenantCreate, { id, name: `${id} security`, modules, admin: { email, displayName: `${id} admin`, password } }, platformToken);
    const tokens = await login(id, email, password);
    return { tenant: id, email, password, tokens, token: tokens.accessToken };
  }

  /** A user of the tenant with the given roles, signed in. */
  async function createUser(admin: TenantAdmin, name: string, roles: string[] = []) {
    const email = `${name}@${admin.tenant}.test`;
    const password = `the perimeter is quiet at dawn`;
    const { user } = await call(identityV1.userCreate, { email, displayName: name, roles, password }, admin.token);
    const tokens = await login(admin.tenant, email, password);
    return { user, email, password, tokens, token: tokens.accessToken };
  }

  return { service, bus, call, attempt, login, platformToken, createTenant, createUser, stop: () => service.stop() };
}

export type IdentityFixture = Awaited<ReturnType<typeof identityFixture>>;
