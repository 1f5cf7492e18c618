import { identityPermissions, permissionCatalogue } from '@ido/internal-api';
import { builtInRolesOf, grantablePermissions, PLATFORM_TENANT } from './built-in-roles';

const catalogue = new Set(permissionCatalogue.map((p) => p.name));
const role = (tenant: string, name: string) => builtInRolesOf(tenant).find((r) => r.name === name);

describe('built-in roles', () => {
  it('has every role the business needs', () => {
    expect(builtInRolesOf('acme').map((r) => r.name)).toEqual([
      'tenant-admin', 'accountant', 'sales-rep', 'sales-manager', 'scheduler', 'guard', 'complaints-agent', 'complaints-manager', 'auditor',
    ]);
  });

  it('grants only catalogued permissions', () => {
    for (const tenant of ['acme', PLATFORM_TENANT]) {
      for (const r of builtInRolesOf(tenant)) for (const p of r.permissions) expect(catalogue.has(p), `${r.name}: ${p}`).toBe(true);
    }
  });

  it('never lets a customer tenant operate the platform', () => {
    const platformPermission = identityPermissions.tenantCreate.name;
    for (const r of builtInRolesOf('acme')) expect(r.permissions).not.toContain(platformPermission);
    expect(grantablePermissions('acme').has(platformPermission)).toBe(false);
    expect(role(PLATFORM_TENANT, 'platform-admin')?.permissions).toContain(platformPermission);
  });

  it('keeps the guard to own shifts and the auditor read-only', () => {
    expect(role('acme', 'guard')?.permissions).toEqual(['staffing:shift:read', 'staffing:attendance:record']);
    const auditor = role('acme', 'auditor')?.permissions ?? [];
    expect(auditor).toContain('audit:event:read');
    expect(auditor.every((p) => /:(read|read-all)$/.test(p))).toBe(true);
  });
});
