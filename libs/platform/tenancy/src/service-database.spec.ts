import { dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { ensureServiceDatabase, ServiceDatabase } from './service-database';

describe('service database', () => {
  const namespace = newTestNamespace();
  const { databaseUrl } = infrastructureUrls();
  const name = `${namespace}_svc`;
  const urlOf = (db: string) => Object.assign(new URL(databaseUrl), { pathname: `/${db}` }).toString();

  afterAll(() => dropNamespaceDatabases(namespace));

  it('is created once even when replicas start together', async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => ensureServiceDatabase(databaseUrl, name)));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(await ensureServiceDatabase(databaseUrl, name)).toBe('existed');
  });

  it.each(['Upper', 'a-b', 'x"; DROP DATABASE postgres; --', ''])('refuses the name %j', async (bad) => {
    await expect(ensureServiceDatabase(databaseUrl, bad)).rejects.toThrow(/refusing database name/);
  });

  it('counts tenant schemas and answers its health check', async () => {
    const database = new ServiceDatabase(urlOf(name), 2);
    try {
      await database.healthCheck().probe();
      expect(await database.countTenants()).toBe(0);
      await database.pool.query('CREATE SCHEMA t_acme; CREATE SCHEMA t_globex; CREATE SCHEMA tenants_not');
      expect(await database.countTenants()).toBe(2);
    } finally {
      await database.close();
      await database.close();
    }
  });

  it('fails its health check when the server is unreachable', async () => {
    const database = new ServiceDatabase('postgres://postgres@127.0.0.1:1/none', 1);
    await expect(database.healthCheck().probe()).rejects.toThrow();
    await database.close();
  });
});
