import { databasesOf, dropNamespaceDatabases, infrastructureUrls, sweepStaleTestDatabases } from './infrastructure';
import { namespaceCreatedAt, newTestNamespace } from './test-namespace';
import { Client } from 'pg';

async function createDatabase(name: string) {
  const admin = new Client({ connectionString: infrastructureUrls().databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
}

describe('test namespaces', () => {
  it('are unique, valid identifiers that record when they were made', () => {
    const names = new Set(Array.from({ length: 100 }, newTestNamespace));
    expect(names.size).toBe(100);
    for (const name of names) expect(name).toMatch(/^idot_[0-9a-z]+_[0-9a-f]{6}$/);
    const made = namespaceCreatedAt([...names][0] ?? '')?.getTime() ?? 0;
    expect(Math.abs(made - Date.now())).toBeLessThan(5_000);
  });

  it('drop only their own databases', async () => {
    const mine = newTestNamespace();
    const other = newTestNamespace();
    await createDatabase(`${mine}_a`);
    await createDatabase(`${other}_a`);
    await dropNamespaceDatabases(mine);
    expect(await databasesOf(mine)).toEqual([]);
    expect(await databasesOf(other)).toEqual([`${other}_a`]);
    await dropNamespaceDatabases(other);
  });

  it('refuse to drop a namespace that is not a test one', async () => {
    await expect(dropNamespaceDatabases('ido')).rejects.toThrow(/non-test/);
  });

  it('sweep leftovers of killed runs but not live ones', async () => {
    const stale = `idot_${(Date.now() - 3 * 3600_000).toString(36)}_dead00`;
    const live = newTestNamespace();
    await createDatabase(`${stale}_x`);
    await createDatabase(`${live}_x`);
    const swept = await sweepStaleTestDatabases(2 * 3600_000);
    expect(swept).toContain(`${stale}_x`);
    expect(await databasesOf(live)).toEqual([`${live}_x`]);
    await dropNamespaceDatabases(live);
  });
});
