import { ConfigError } from './load-config';
import { loadServiceConfig, serviceDatabaseUrl } from './service-config';

describe('service config', () => {
  it('defaults to localhost Postgres and NATS and the catalog port', () => {
    const config = loadServiceConfig('accounting', {});
    expect(config.nats.servers).toEqual(['nats://127.0.0.1:4222']);
    expect(config.http.port).toBe(3003);
    expect(config.database.name).toBe('ido_accounting');
    expect(serviceDatabaseUrl(config)).toBe('postgres://postgres@127.0.0.1:5432/ido_accounting');
  });

  it('derives the database name from the namespace', () => {
    const config = loadServiceConfig('sales', { IDO_NAMESPACE: 'idot_run1', DATABASE_URL: 'postgresql://u:p@db:6543/admin?sslmode=require' });
    expect(serviceDatabaseUrl(config)).toBe('postgresql://u:p@db:6543/idot_run1_sales?sslmode=require');
  });

  it('accepts a NATS cluster list', () => {
    expect(loadServiceConfig('sales', { NATS_URL: 'nats://a:4222, nats://b:4222' }).nats.servers).toEqual(['nats://a:4222', 'nats://b:4222']);
  });

  it('treats an empty variable as unset', () => {
    expect(loadServiceConfig('sales', { HTTP_PORT: '' }).http.port).toBe(3004);
  });

  it.each([
    ['NATS_URL', 'not-a-url'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['HTTP_PORT', '70000'],
    ['HTTP_PORT', 'eighty'],
    ['IDO_NAMESPACE', 'Bad-Name'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_NAME', 'drop table'],
  ])('rejects %s=%s naming the variable', (variable, value) => {
    const attempt = () => loadServiceConfig('gateway', { [variable]: value });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^Invalid configuration:\\n  ${variable}: `));
  });

  it('requires a tenant role secret in production for persisting services only', () => {
    expect(() => loadServiceConfig('sales', { NODE_ENV: 'production' })).toThrow(/TENANT_ROLE_SECRET: is required in production/);
    expect(loadServiceConfig('gateway', { NODE_ENV: 'production' }).service).toBe('gateway');
    expect(loadServiceConfig('sales', { NODE_ENV: 'production', TENANT_ROLE_SECRET: 'x'.repeat(32) }).tenancy.roleSecret).toBe('x'.repeat(32));
  });

  it('reports every bad variable at once', () => {
    try {
      loadServiceConfig('gateway', { NATS_URL: 'x', HTTP_PORT: '-1' });
      expect.unreachable();
    } catch (error) {
      expect((error as ConfigError).problems.map((p) => p.variable).sort()).toEqual(['HTTP_PORT', 'NATS_URL']);
    }
  });
});
