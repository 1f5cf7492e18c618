import { newTestNamespace } from '@ido/platform-testing';
import { startProcess } from './processes';

const run = (service: string, env: Record<string, string>) =>
  startProcess([`dist/apps/${service}/main.js`], { IDO_NAMESPACE: newTestNamespace(), HTTP_PORT: '0', ...env }).finished;

describe('a service with a bad environment', () => {
  it.each([
    ['accounting', 'NATS_URL', 'not-a-url'],
    ['gateway', 'HTTP_PORT', 'eighty'],
    ['identity', 'DATABASE_URL', 'mysql://localhost/db'],
    ['complaints', 'IDO_NAMESPACE', 'Prod-EU'],
  ])('%s exits at once naming %s, without a stack trace', async (service, variable, value) => {
    const finished = await run(service, { [variable]: value });
    expect(finished.code).toBe(78);
    expect(finished.elapsedMs).toBeLessThan(5_000);
    expect(finished.output).toContain(`${service}: Invalid configuration:\n  ${variable}: `);
    expect(finished.output).not.toMatch(/\n\s+at /);
  });

  it('exits with a readable reason when NATS cannot be reached', async () => {
    const finished = await run('sales', { NATS_URL: 'nats://127.0.0.1:1' });
    expect(finished.code).toBe(1);
    expect(finished.output).toMatch(/"reason":"cannot connect to NATS at nats:\/\/127.0.0.1:1/);
    expect(finished.output).not.toMatch(/\n\s+at /);
  });

  it('exits with a readable reason when Postgres cannot be reached', async () => {
    const finished = await run('staffing', { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/postgres' });
    expect(finished.code).toBe(1);
    expect(finished.output).toMatch(/"msg":"staffing cannot start"/);
    expect(finished.output).not.toMatch(/\n\s+at /);
  });
});
