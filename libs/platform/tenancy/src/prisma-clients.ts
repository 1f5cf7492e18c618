import { PrismaPg } from '@prisma/adapter-pg';
import type { Actor } from './actor-transaction';
import type { TenantClientFactory } from './tenant-clients';

interface PrismaLike {
  $disconnect(): Promise<void>;
}

/**
 * Tenant clients that are Prisma clients: adapter-pg over the tenant's pool,
 * every query qualified with the tenant's schema. Usage in a service:
 * `new TenantClients(settings, prismaClientFactory((adapter) => new PrismaClient({ adapter })))`.
 */
export function prismaClientFactory<C extends PrismaLike>(construct: (adapter: PrismaPg) => C): TenantClientFactory<C> {
  return {
    create: (pool, ids) => construct(new PrismaPg(pool, { schema: ids.schema })),
    dispose: (client) => client.$disconnect(),
  };
}

interface RawExecutor {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

interface InteractiveTransactions<Tx> {
  $transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

/** `withActor` for Prisma: one interactive transaction with `ido.actor_*` set for RLS. */
export function withPrismaActor<Tx extends RawExecutor, T>(
  client: InteractiveTransactions<Tx>,
  actor: Actor,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('ido.actor_id', ${actor.id}, true), set_config('ido.actor_roles', ${actor.roles.join(',')}, true)`;
    return work(tx);
  });
}
