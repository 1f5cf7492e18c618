import { assertTenantId, ownerRole, tenantIdentifiers, tenantIdOfSchema } from './tenant-id';

describe('tenant ids', () => {
  it.each(['acme', 'acme-security', 'a1b2', 'north-east-2', 'x'.repeat(40)])('accepts %s', (id) => {
    expect(() => assertTenantId(id)).not.toThrow();
  });

  it.each([
    'ab',
    'x'.repeat(41),
    'Acme',
    'acme_security',
    '-acme',
    'acme-',
    'ac--me',
    '1acme',
    'acme; DROP SCHEMA public',
    'acme"',
    't_acme ',
    '',
    42,
    null,
  ])('refuses %j before it reaches SQL', (id) => {
    expect(() => assertTenantId(id)).toThrow(/invalid tenant id/);
  });

  it('names schema and roles within Postgres limits, distinct per database', () => {
    const longest = tenantIdentifiers('ido_accounting', 'x'.repeat(40));
    expect(longest.login.length).toBeLessThanOrEqual(63);
    const a = tenantIdentifiers('ido_accounting', 'acme-security');
    const b = tenantIdentifiers('ido_sales', 'acme-security');
    expect(a.schema).toBe('t_acme_security');
    expect(a.schema).toBe(b.schema);
    expect(a.role).not.toBe(b.role);
    expect(a.login).toBe(`${a.role}_login`);
    expect(ownerRole('ido_accounting')).toMatch(/^o_[0-9a-f]{8}$/);
  });

  it('reads the tenant back from its schema', () => {
    expect(tenantIdOfSchema('t_acme_security')).toBe('acme-security');
    expect(tenantIdOfSchema('public')).toBeUndefined();
    expect(tenantIdOfSchema('t_')).toBeUndefined();
  });
});
