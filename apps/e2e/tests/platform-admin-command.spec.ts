import { dropNamespaceDatabases, newTestNamespace } from '@ido/platform-testing';
import { startProcess } from './processes';

/** `main.js create-platform-admin <email>` on the built identity bundle: the README's way to a first operator. */
describe('identity create-platform-admin', () => {
  const namespace = newTestNamespace();
  const run = (env: Record<string, string>, ...args: string[]) =>
    startProcess(['dist/apps/identity/main.js', 'create-platform-admin', ...args], { IDO_NAMESPACE: namespace, HTTP_PORT: '0', LOG_LEVEL: 'warn', ...env }).finished;

  afterAll(() => dropNamespaceDatabases(namespace));

  it('creates the operator once, reading the password from the environment', async () => {
    const first = await run({ IDO_PLATFORM_ADMIN_PASSWORD: 'a long operator passphrase' }, 'ops@example.test');
    expect({ code: first.code, output: first.output }).toMatchObject({ code: 0, output: expect.stringContaining('platform administrator ops@example.test: created') });
    const again = await run({ IDO_PLATFORM_ADMIN_PASSWORD: 'a long operator passphrase' }, 'ops@example.test');
    expect(again.output).toContain('platform administrator ops@example.test: exists');
  });

  it('refuses a missing password, a bad email and a weak password', async () => {
    expect((await run({}, 'ops@example.test')).code).toBe(64);
    expect((await run({ IDO_PLATFORM_ADMIN_PASSWORD: 'a long operator passphrase' }, 'not-an-email')).code).toBe(64);
    const weak = await run({ IDO_PLATFORM_ADMIN_PASSWORD: 'password123' }, 'weak@example.test');
    expect(weak.code).toBe(1);
    expect(weak.output).toMatch(/Password must be at least 12 characters/);
  });
});
