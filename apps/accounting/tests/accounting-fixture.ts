import { type Contract, identityV1, type ModuleName, type ReplyOf, type RequestOf } from '@ido/internal-api';
import { MessageBus } from '@ido/platform-messaging';
import { type BuiltService, type Outcome, outcomeOf, startBuiltService, startTestService, type TestService } from '@ido/platform-service-harness';
import { MaintenanceDatabase } from '@ido/platform-tenancy';
import { newTestNamespace } from '@ido/platform-testing';
import { accountingUnderTest } from './accounting-under-test';

const operator = { email: 'ops@platform.test', password: 'platform operator passphrase' };


/**
 * The accounting service in-process, beside the real identity service (its built
 * bundle as a process) issuing real tokens, in one fresh namespace.
 */
export async function accountingFixture() {
  const namespace = newTestNamespace();
  const identity: BuiltService = await startBuiltService('identity', {
    namespace,
    env: { IDO_PLATFORM_ADMIN_EMAIL: operator.email, IDO_PLATFORM_ADMIN_PASSWORD: operator.password },
  });
  const accounting: TestService = await startTestService(accountingUnderTest, { namespace });
  const bus = new MessageBus(() => accounting.nats, namespace);

  const call = <C extends Contract>(contract: C, payload: RequestOf<C>, token?: string): Promise<ReplyOf<C>> =>
    bus.request(contract, payload, token ? { authorization: `Bearer ${token}` } : {}) as Promise<ReplyOf<C>>;

  const attempt = <C extends Contract>(contract: C, payload: RequestOf<C>, token?: string): Promise<Outcome<ReplyOf<C>>> =>
    outcomeOf(call(contract, payload, token));

  const ops = await call(identityV1.authLogin, { tenant: 'platform', ...operator });

  /** A tenant with the module on and its admin signed in (tenant-admin holds every accounting permission). */
  async function tenant(id: string, modules: ModuleName[] = ['accounting']) {
    const admin = { email: `admin@${id}.test`, displayName: 'Admin', password: `${id} night shift passphrase` };
    await call(identityV1.tenantCreate, { id, name: id, modules, admin }, ops.accessToken);
    const session = await call(identityV1.authLogin, { tenant: id, email: admin.email, password: admin.password });
    // The tenant's schema here is provisioned when identity announces it.
    const maintenance = accounting.app.get(MaintenanceDatabase);
    for (let i = 0; i < 100 && !(await maintenance.listTenants()).includes(id); i++) await new Promise((r) => setTimeout(r, 50));
    return { id, token: session.accessToken, admin };
  }

  /** A user of the tenant with the given roles, signed in. */
  async function user(adminToken: string, tenantId: string, name: string, roles: string[]) {
    const password = 'the perimeter is quiet at dawn';
    await call(identityV1.userCreate, { email: `${name}@${tenantId}.test`, displayName: name, roles, password }, adminToken);
    return (await call(identityV1.authLogin, { tenant: tenantId, email: `${name}@${tenantId}.test`, password })).accessToken;
  }

  return {
    namespace,
    accounting,
    call,
    attempt,
    tenant,
    user,
    stop: async () => {
      await accounting.stop();
      await identity.stop();
    },
  };
}

export type AccountingFixture = Awaited<ReturnType<typeof accountingFixture>>;
