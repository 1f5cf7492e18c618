import { auditPermissions, identityPermissions, type Permission, permissionCatalogue, PLATFORM_TENANT } from '@ido/internal-api';

export { PLATFORM_TENANT };

export interface BuiltInRole {
  name: string;
  description: string;
  permissions: readonly string[];
}

/** Operating the SaaS itself: only ever granted inside the platform tenant. */
const platformOnly = new Set(
  [identityPermissions.tenantCreate, identityPermissions.tenantRead, identityPermissions.tenantSuspend, identityPermissions.signingKeyRotate].map((p) => p.name),
);

const tenantScoped = permissionCatalogue.filter((p) => !platformOnly.has(p.name));
const names = (permissions: readonly Permission[]) => permissions.map((p) => p.name);
const ofModule = (module: string) => names(tenantScoped.filter((p) => p.name.startsWith(`${module}:`)));
const pick = (module: string, ...entityActions: string[]) => entityActions.map((ea) => `${module}:${ea}`);

const tenantRoles: readonly BuiltInRole[] = [
  { name: 'tenant-admin', description: 'Runs the tenant: users, roles, modules and every module', permissions: names(tenantScoped) },
  { name: 'accountant', description: 'Keeps the books', permissions: ofModule('accounting') },
  {
    name: 'sales-rep',
    description: 'Works own leads and opportunities',
    permissions: pick('sales', 'lead:read', 'lead:manage', 'company:read', 'company:manage', 'opportunity:read', 'opportunity:manage', 'activity:manage'),
  },
  { name: 'sales-manager', description: 'Runs the sales team and pipelines', permissions: ofModule('sales') },
  {
    name: 'scheduler',
    description: 'Staffs sites: guards, posts, shifts',
    permissions: pick('staffing', 'guard:read', 'guard:manage', 'site:read', 'site:manage', 'shift:read', 'shift:schedule', 'attendance:approve'),
  },
  { name: 'guard', description: 'Sees own shifts and checks in and out', permissions: pick('staffing', 'shift:read', 'attendance:record') },
  {
    name: 'complaints-agent',
    description: 'Takes in and works complaints',
    permissions: pick('complaints', 'complaint:read', 'complaint:create', 'complaint:triage'),
  },
  { name: 'complaints-manager', description: 'Owns the complaint workflow and its SLAs', permissions: ofModule('complaints') },
  {
    name: 'auditor',
    description: 'Reads everything, changes nothing; reads the audit log',
    permissions: [...names(tenantScoped.filter((p) => /:read(-all)?$/.test(p.name))), auditPermissions.eventRead.name].filter((v, i, a) => a.indexOf(v) === i),
  },
];

const platformRoles: readonly BuiltInRole[] = [
  {
    name: 'platform-admin',
    description: "Operates the SaaS: tenants, signing keys, platform users; reads the platform's audit log",
    permissions: [...platformOnly, ...names(Object.values(identityPermissions).filter((p) => !platformOnly.has(p.name))), auditPermissions.eventRead.name],
  },
];

/** The built-in roles of a tenant (seeded at provisioning, kept in step with the code at start). */
export function builtInRolesOf(tenant: string): readonly BuiltInRole[] {
  return tenant === PLATFORM_TENANT ? platformRoles : tenantRoles;
}

/** Permissions a custom role of this tenant may hold. */
export function grantablePermissions(tenant: string): ReadonlySet<string> {
  return new Set(tenant === PLATFORM_TENANT ? names(permissionCatalogue) : names(tenantScoped));
}
