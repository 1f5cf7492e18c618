import { PrismaClient } from '../tests/fixtures/generated/prisma/client';
import { tenancyFixture } from '../tests/tenancy-fixture';
import { prismaClientFactory, withPrismaActor } from './prisma-clients';
import { TenantClients } from './tenant-clients';

/*
 * schema.prisma (tests/fixtures) against the migrated schema: a CRUD round trip
 * over every model, per tenant, through the tenant role — and nothing leaks.
 */
describe('Prisma clients per tenant', () => {
  let fx: Awaited<ReturnType<typeof tenancyFixture>>;
  let clients: TenantClients<PrismaClient>;

  beforeAll(async () => {
    fx = await tenancyFixture();
    await fx.maintenance.provisionTenant('acme');
    await fx.maintenance.provisionTenant('globex');
    clients = new TenantClients(
      { url: fx.url, databaseName: fx.databaseName, roleSecret: fx.roleSecret, perTenant: 2, maxConnections: 4, idleMs: 60_000 },
      prismaClientFactory((adapter) => new PrismaClient({ adapter })),
    );
  });
  afterAll(async () => {
    await clients?.close();
    await fx.cleanup();
  });

  it('round-trips every model and keeps tenants apart', async () => {
    for (const tenant of ['acme', 'globex']) {
      await clients.use(tenant, async (prisma) => {
        const guard = await prisma.guard.create({ data: { name: 'Dana', email: 'dana@guards.test', licenceNumber: `SIA-${tenant}` } });
        expect(guard).toMatchObject({ name: 'Dana', licenceNumber: `SIA-${tenant}`, createdAt: expect.any(Date) });
        await prisma.guard.update({ where: { id: guard.id }, data: { name: 'Dana K.' } });
        expect(await prisma.guard.findUnique({ where: { email: 'dana@guards.test' } })).toMatchObject({ name: 'Dana K.' });

        const actor = { id: 'rep-1', roles: ['sales-rep'] };
        const opportunity = await withPrismaActor(prisma, actor, (tx) => tx.opportunity.create({ data: { ownerId: 'rep-1', title: `${tenant} patrol` } }));
        expect(await withPrismaActor(prisma, actor, (tx) => tx.opportunity.findMany())).toEqual([opportunity]);
        expect(await prisma.opportunity.findMany()).toEqual([]);
        await withPrismaActor(prisma, actor, (tx) => tx.opportunity.delete({ where: { id: opportunity.id } }));
      });
    }
    // Same unique email in two tenants: each schema has its own constraint.
    const counts = await Promise.all(['acme', 'globex'].map((t) => clients.use(t, (prisma) => prisma.guard.count())));
    expect(counts).toEqual([1, 1]);
    await clients.use('acme', async (prisma) => {
      await prisma.guard.deleteMany();
      expect(await prisma.guard.count()).toBe(0);
    });
    expect(await clients.use('globex', (prisma) => prisma.guard.count())).toBe(1);
  });
});
