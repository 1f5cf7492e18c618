import { Client } from 'pg';
import { tenancyFixture, fixtureMigrations } from '../tests/tenancy-fixture';
import { withActor } from './actor-transaction';
import { tenantRolePassword } from './maintenance-database';
import { checksumOf, combineMigrations, defineMigration } from './migrations';
import { scramSecret, tenantLoginScramIterations } from './scram-secret';

type Fixture = Awaited<ReturnType<typeof tenancyFixture>>;

const migrationsUpTo = (count: number) => fixtureMigrations.slice(0, count);

describe('provisioning', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await tenancyFixture();
  });
  afterAll(() => fx.cleanup());

  it('creates schema, roles and every migration, and a second call is a no-op', async () => {
    const first = await fx.maintenance.provisionTenant('acme');
    expect(first.applied).toEqual(fixtureMigrations.map((m) => m.name));
    const second = await fx.maintenance.provisionTenant('acme');
    expect(second.applied).toEqual([]);
    expect(await fx.maintenance.listTenants()).toEqual(['acme']);
  });

  it('leaves one correct schema when replicas provision at once', async () => {
    const outcomes = await Promise.all([fx.replica(), fx.replica(), fx.maintenance].map((m) => m.provisionTenant('globex')));
    expect(outcomes.flatMap((o) => o.applied).sort()).toEqual(fixtureMigrations.map((m) => m.name).sort());
    const rows = await fx.maintenance.query<{ count: number }>('SELECT count(*)::int AS count FROM t_globex._ido_migrations');
    expect(rows.rows[0]?.count).toBe(fixtureMigrations.length);
  });

  it('refuses an invalid tenant id before any SQL', async () => {
    await expect(fx.maintenance.provisionTenant('x"; DROP SCHEMA t_acme CASCADE; --')).rejects.toThrow(/invalid tenant id/);
    expect(await fx.maintenance.listTenants()).toContain('acme');
  });

  it('stores the login password as the SCRAM secret Postgres would derive, with few iterations', async () => {
    const { login } = fx.maintenance.identifiers('acme');
    const secretOf = async () =>
      (await fx.maintenance.query<{ secret: string }>('SELECT rolpassword AS secret FROM pg_authid WHERE rolname = $1', [login])).rows[0]?.secret ?? '';
    // Stored as given: a string Postgres did not take for a secret would have been hashed (4096 iterations).
    expect(await secretOf()).toMatch(new RegExp(`^SCRAM-SHA-256\\$${tenantLoginScramIterations}:`));
    // Postgres' own derivation of the same password, with its salt and count, gives the same keys.
    const password = tenantRolePassword(fx.roleSecret, login);
    await fx.maintenance.query(`ALTER ROLE "${login}" PASSWORD '${password}'`);
    const derived = await secretOf();
    const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(derived) ?? [];
    expect(scramSecret(password, Number(iterations), Buffer.from(salt ?? '', 'base64'))).toBe(derived);
  });
});

describe('isolation enforced by Postgres', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await tenancyFixture();
    await fx.maintenance.provisionTenant('acme');
    await fx.maintenance.provisionTenant('umbrella');
    await fx.pools.use('umbrella', (pool) => pool.query(`INSERT INTO guard (name, email) VALUES ('U', 'u@umbrella.test')`));
  });
  afterAll(() => fx.cleanup());

  const asAcme = (sql: string) => fx.pools.use('acme', async (pool) => (await pool.query(sql)).rows);

  it('lets a tenant use its own tables, unqualified', async () => {
    await asAcme(`INSERT INTO guard (name, email) VALUES ('A', 'a@acme.test')`);
    expect(await asAcme('SELECT name FROM guard')).toEqual([{ name: 'A' }]);
  });

  it("denies reading another tenant's schema", async () => {
    await expect(asAcme('SELECT * FROM t_umbrella.guard')).rejects.toThrow(/permission denied/);
  });

  it("denies becoming another tenant's role", async () => {
    const other = fx.maintenance.identifiers('umbrella').role;
    await expect(asAcme(`SET ROLE "${other}"`)).rejects.toThrow(/permission denied/);
  });

  it('gives no access after RESET ROLE', async () => {
    await fx.pools.use('acme', async (pool) => {
      const client = await pool.connect();
      try {
        await client.query('RESET ROLE');
        await expect(client.query('SELECT * FROM t_acme.guard')).rejects.toThrow(/permission denied/);
      } finally {
        client.release(true);
      }
    });
  });

  it('denies DDL and the migration ledger to the tenant role', async () => {
    await expect(asAcme('CREATE TABLE sneaky (id int)')).rejects.toThrow(/permission denied/);
    await expect(asAcme('DROP TABLE guard')).rejects.toThrow(/must be owner/);
    await expect(asAcme('SELECT * FROM _ido_migrations')).rejects.toThrow(/permission denied/);
  });

  it('denies the public schema', async () => {
    await expect(asAcme('CREATE TABLE public.leak (id int)')).rejects.toThrow(/permission denied/);
  });

  it("refuses a tenant's login on another tenant's role even with its password", async () => {
    const ids = fx.maintenance.identifiers('acme');
    const other = fx.maintenance.identifiers('umbrella');
    const url = new URL(fx.url);
    const client = new Client({ host: url.hostname, port: Number(url.port), database: fx.databaseName, user: ids.login, options: `-c role=${other.role}` });
    await expect(client.connect()).rejects.toThrow(/permission denied/);
    await client.end().catch(() => undefined);
  });
});

describe('migrator', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await tenancyFixture({ migrations: migrationsUpTo(2) });
    for (const tenant of ['alpha', 'bravo', 'charlie']) await fx.maintenance.provisionTenant(tenant);
  });
  afterAll(() => fx.cleanup());

  it('stops one tenant at its last good migration while the others complete, and a rerun finishes it', async () => {
    await fx.pools.use('bravo', () => Promise.resolve());
    await fx.maintenance.query('CREATE TABLE t_bravo.migration_blocker (id int)');
    const all = fx.replica(fixtureMigrations);

    const first = await all.migrateAllTenants();
    expect(first.migrated.map((m) => m.schema).sort()).toEqual(['t_alpha', 't_charlie']);
    expect(first.failed).toEqual([{ tenantId: 'bravo', error: expect.stringMatching(/guard_licence failed: blocked/), applied: [] }]);
    const column = `SELECT count(*)::int AS n FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'licence_number'`;
    expect((await all.query<{ n: number }>(column, ['t_bravo'])).rows[0]?.n).toBe(0);
    expect((await all.query<{ n: number }>(column, ['t_alpha'])).rows[0]?.n).toBe(1);

    await all.query('DROP TABLE t_bravo.migration_blocker');
    const rerun = await all.migrateAllTenants();
    expect(rerun.failed).toEqual([]);
    expect(rerun.migrated.find((m) => m.schema === 't_bravo')?.applied).toEqual([fixtureMigrations[2]?.name]);
    expect(rerun.migrated.find((m) => m.schema === 't_alpha')?.applied).toEqual([]);
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = fixtureMigrations.map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- tweak`, checksum: checksumOf(`${m.sql}\n-- tweak`) } : m));
    const report = await fx.replica(edited).migrateAllTenants();
    expect(report.migrated).toEqual([]);
    expect(report.failed.map((f) => f.error)).toEqual(Array(3).fill(expect.stringMatching(/applied migration 20260101000000_guards was edited/)));
  });
});

describe('row-level RBAC inside a tenant', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await tenancyFixture();
    await fx.maintenance.provisionTenant('acme');
  });
  afterAll(() => fx.cleanup());

  const rep = (id: string) => ({ id, roles: ['sales-rep'] });

  it('shows a rep only own rows, a manager all, and nobody anything without an actor', async () => {
    await fx.pools.use('acme', async (pool) => {
      await withActor(pool, rep('rep-1'), (c) => c.query(`INSERT INTO opportunity (owner_id, title) VALUES ('rep-1', 'Mall patrol')`));
      await withActor(pool, rep('rep-2'), (c) => c.query(`INSERT INTO opportunity (owner_id, title) VALUES ('rep-2', 'Port CCTV')`));
      const titles = async (actor: { id: string; roles: string[] }) =>
        (await withActor(pool, actor, (c) => c.query<{ title: string }>('SELECT title FROM opportunity ORDER BY title'))).rows.map((r) => r.title);
      expect(await titles(rep('rep-1'))).toEqual(['Mall patrol']);
      expect(await titles({ id: 'boss', roles: ['sales-manager'] })).toEqual(['Mall patrol', 'Port CCTV']);
      expect((await pool.query('SELECT * FROM opportunity')).rows).toEqual([]);
    });
  });

  it("refuses writing a row owned by someone else", async () => {
    await fx.pools.use('acme', async (pool) => {
      await expect(
        withActor(pool, rep('rep-1'), (c) => c.query(`INSERT INTO opportunity (owner_id, title) VALUES ('rep-2', 'Forged')`)),
      ).rejects.toThrow(/row-level security/);
    });
  });
});

describe('connection bounds', () => {
  let fx: Fixture;
  beforeAll(async () => {
    fx = await tenancyFixture({ migrations: migrationsUpTo(1), maxConnections: 20, perTenant: 2 });
  }, 120_000);
  afterAll(() => fx.cleanup());

  it('serves 200 tenants without ever exceeding the connection cap', async () => {
    const tenants = Array.from({ length: 200 }, (_, i) => `tenant-${i}`);
    for (let i = 0; i < tenants.length; i += 10) await Promise.all(tenants.slice(i, i + 10).map((t) => fx.maintenance.provisionTenant(t)));

    let peak = 0;
    const countConnections = async () => {
      const rows = await fx.maintenance.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND usename LIKE 't\\_%\\_login'`,
        [fx.databaseName],
      );
      peak = Math.max(peak, rows.rows[0]?.n ?? 0);
    };
    const sampler = setInterval(() => void countConnections(), 20);
    try {
      for (let round = 0; round < 2; round++) {
        await Promise.all(
          tenants.map((tenant) =>
            fx.pools.use(tenant, async (pool) => {
              await pool.query(`INSERT INTO guard (name, email) VALUES ($1, $2)`, [tenant, `${tenant}-${round}@x.test`]);
              await countConnections();
            }),
          ),
        );
      }
    } finally {
      clearInterval(sampler);
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(20);
    expect(fx.pools.openPools).toBeLessThanOrEqual(10);
    const counts = await fx.pools.use('tenant-7', async (pool) => (await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM guard')).rows[0]?.n);
    expect(counts).toBe(2);
  });
});

describe('maintenance database', () => {
  it('counts provisioned tenants only and reports its health', async () => {
    const fx = await tenancyFixture({ migrations: migrationsUpTo(1) });
    try {
      await fx.maintenance.healthCheck().probe();
      expect(await fx.maintenance.countTenants()).toBe(0);
      await fx.maintenance.provisionTenant('acme');
      await fx.maintenance.query('CREATE SCHEMA t_not_provisioned');
      expect(await fx.maintenance.countTenants()).toBe(1);
    } finally {
      await fx.cleanup();
    }
  });

  it('fails its health check when the server is unreachable', async () => {
    const { MaintenanceDatabase } = await import('./maintenance-database');
    const unreachable = new MaintenanceDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', databaseName: 'none', migrations: [], roleSecret: 'x' });
    await expect(unreachable.healthCheck().probe()).rejects.toThrow();
    await unreachable.close();
  });
});

describe('platform migration sources', () => {
  const platformTable = defineMigration('20250101000000_platform_ledger', 'CREATE TABLE platform_ledger (id int PRIMARY KEY);');

  it('creates a platform table before the service tables in a new tenant, and adds it to tenants that predate it', async () => {
    const fx = await tenancyFixture({ migrations: combineMigrations([[platformTable], migrationsUpTo(1)]) });
    try {
      const created = await fx.maintenance.provisionTenant('acme');
      expect(created.applied).toEqual([platformTable.name, fixtureMigrations[0]?.name]);

      const older = fx.replica(migrationsUpTo(1));
      await older.provisionTenant('umbrella');
      const report = await fx.maintenance.migrateAllTenants();
      expect(report.migrated.find((m) => m.schema === 't_umbrella')?.applied).toEqual([platformTable.name]);
      await fx.pools.use('umbrella', (pool) => pool.query('INSERT INTO platform_ledger VALUES (1)'));
    } finally {
      await fx.cleanup();
    }
  });
});

describe('maintenance listen', () => {
  it('delivers NOTIFY payloads of its database and stops cleanly', async () => {
    const fx = await tenancyFixture({ migrations: [] });
    try {
      const received: string[] = [];
      const stop = await fx.maintenance.listen('ido_wake', (payload) => received.push(payload));
      await fx.maintenance.query(`SELECT pg_notify('ido_wake', 't_acme')`);
      await vi.waitFor(() => expect(received).toEqual(['t_acme']));
      await stop();
      await fx.maintenance.query(`SELECT pg_notify('ido_wake', 't_other')`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(received).toEqual(['t_acme']);
    } finally {
      await fx.cleanup();
    }
  });
});

describe('shared schema', () => {
  it('migrates a non-tenant schema with the ledger, once, owned by the owner role and closed to tenants', async () => {
    const fx = await tenancyFixture({ migrations: migrationsUpTo(1) });
    try {
      const shared = [defineMigration('20260101000000_log', 'CREATE TABLE log (id int);')];
      expect((await fx.maintenance.migrateSharedSchema('shared_log', shared)).applied).toEqual(['20260101000000_log']);
      expect((await fx.replica().migrateSharedSchema('shared_log', shared)).applied).toEqual([]);
      const owner = await fx.maintenance.query<{ owner: string }>(`SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'shared_log' AND tablename = 'log'`);
      expect(owner.rows[0]?.owner).toMatch(/^o_[0-9a-f]{8}$/);
      await fx.maintenance.provisionTenant('acme');
      await expect(fx.pools.use('acme', (pool) => pool.query('SELECT * FROM shared_log.log'))).rejects.toThrow(/permission denied/);
      expect(await fx.maintenance.listTenants()).toEqual(['acme']);
      await expect(fx.maintenance.migrateSharedSchema('t_sneaky', shared)).rejects.toThrow(/refusing/);
    } finally {
      await fx.cleanup();
    }
  });

  it('runs a cross-tenant transaction and rolls it back when the work throws', async () => {
    const fx = await tenancyFixture({ migrations: [] });
    try {
      await fx.maintenance.query('CREATE TABLE note (id int)');
      await expect(fx.maintenance.transaction(async (client) => {
        await client.query('INSERT INTO note VALUES (1)');
        throw new Error('changed my mind');
      })).rejects.toThrow(/changed my mind/);
      await fx.maintenance.transaction((client) => client.query('INSERT INTO note VALUES (2)'));
      expect((await fx.maintenance.query<{ id: number }>('SELECT id FROM note')).rows).toEqual([{ id: 2 }]);
    } finally {
      await fx.cleanup();
    }
  });
});
