import { databaseUrlOf, dropNamespaceDatabases, newTestNamespace } from '@ido/platform-testing';
import { join } from 'node:path';
import { Client } from 'pg';
import { startProcess, workspaceRoot } from './processes';

/** `nx run <svc>:provision -- <tenant>` and `nx run <svc>:migrate`, on the built bundle. */
describe('maintenance commands of a built service', () => {
  const namespace = newTestNamespace();
  const migrationsDir = join(workspaceRoot, 'libs/platform/tenancy/tests/fixtures/migrations');
  const run = (service: string, ...args: string[]) =>
    startProcess([`dist/apps/${service}/main.js`, ...args], { IDO_NAMESPACE: namespace, MIGRATIONS_DIR: migrationsDir, LOG_LEVEL: 'info' }).finished;

  afterAll(() => dropNamespaceDatabases(namespace));

  it('provisions a tenant with every migration, idempotently', async () => {
    const first = await run('staffing', 'provision', 'acme-guarding');
    expect(first.code).toBe(0);
    expect(first.output).toContain('"applied":["20260101000000_guards","20260102000000_opportunities_rls","20260103000000_guard_licence"]');
    const again = await run('staffing', 'provision', 'acme-guarding');
    expect(again.output).toContain('"applied":[]');

    const db = new Client({ connectionString: databaseUrlOf(`${namespace}_staffing`) });
    await db.connect();
    const tables = await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 't_acme_guarding' ORDER BY 1`);
    await db.end();
    expect(tables.rows.map((r) => r.table_name)).toEqual(['_ido_migrations', 'guard', 'opportunity']);
  });

  it('migrates every tenant and reports', async () => {
    const finished = await run('staffing', 'migrate');
    expect(finished.code).toBe(0);
    expect(finished.output).toMatch(/"migrated":1,"failed":\[\]/);
  });

  it.each([
    [['provision', 'Not A Slug'], 1, /invalid tenant id/],
    [['frobnicate'], 64, /usage: main.js migrate \| main.js provision <tenant-id>/],
    [['provision'], 64, /usage/],
  ])('answers %j with exit %i', async (args, code, message) => {
    const finished = await run('staffing', ...args);
    expect(finished.code).toBe(code);
    expect(finished.output).toMatch(message);
  });

  it('refuses maintenance on the gateway, which has no database', async () => {
    const finished = await run('gateway', 'migrate');
    expect(finished.code).toBe(64);
    expect(finished.output).toContain('gateway: has no database');
  });
});
