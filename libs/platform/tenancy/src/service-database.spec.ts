import { dropNamespaceDatabases, infrastructureUrls, newTestNamespace } from '@ido/platform-testing';
import { ensureServiceDatabase } from './service-database';

describe('service database', () => {
  const namespace = newTestNamespace();
  const { databaseUrl } = infrastructureUrls();
  const name = `${namespace}_svc`;

  afterAll(() => dropNamespaceDatabases(namespace));

  it('is created once even when replicas start together', async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => ensureServiceDatabase(databaseUrl, name)));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(1);
    expect(await ensureServiceDatabase(databaseUrl, name)).toBe('existed');
  });

  it.each(['Upper', 'a-b', 'x"; DROP DATABASE postgres; --', ''])('refuses the name %j', async (bad) => {
    await expect(ensureServiceDatabase(databaseUrl, bad)).rejects.toThrow(/refusing database name/);
  });
});
