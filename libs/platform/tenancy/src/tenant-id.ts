import { createHash } from 'node:crypto';

/**
 * Tenant ids are strict slugs: lowercase letters and digits in hyphen-separated
 * words, 3–40 characters. Nothing else ever reaches an SQL identifier.
 */
const tenantIdPattern = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

export class InvalidTenantIdError extends Error {
  constructor(value: unknown) {
    super(`invalid tenant id ${JSON.stringify(value)}: expected a lowercase slug of 3–40 characters`);
    this.name = 'InvalidTenantIdError';
  }
}

export function assertTenantId(value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length < 3 || value.length > 40 || !tenantIdPattern.test(value)) {
    throw new InvalidTenantIdError(value);
  }
}

export function isTenantId(value: unknown): value is string {
  return typeof value === 'string' && value.length >= 3 && value.length <= 40 && tenantIdPattern.test(value);
}

/**
 * The Postgres names of one tenant in one service database. Roles are global to
 * the server, so they carry a short hash of the database name; schemas are not.
 */
export interface TenantIdentifiers {
  tenantId: string;
  /** `t_<tenant>`, hyphens as underscores (ids have no underscores, so this is one-to-one). */
  schema: string;
  /** NOLOGIN role holding the tenant's privileges. */
  role: string;
  /** LOGIN NOINHERIT role the tenant's connections use; it can only become `role`. */
  login: string;
}

export function databaseTag(databaseName: string): string {
  return createHash('sha256').update(databaseName).digest('hex').slice(0, 8);
}

export function tenantIdentifiers(databaseName: string, tenantId: string): TenantIdentifiers {
  assertTenantId(tenantId);
  const local = tenantId.replaceAll('-', '_');
  const role = `t_${local}_${databaseTag(databaseName)}`;
  return { tenantId, schema: `t_${local}`, role, login: `${role}_login` };
}

/** The NOLOGIN role that owns every tenant table of a service database (never a tenant's). */
export function ownerRole(databaseName: string): string {
  return `o_${databaseTag(databaseName)}`;
}

export function tenantIdOfSchema(schema: string): string | undefined {
  if (!schema.startsWith('t_')) return undefined;
  const id = schema.slice(2).replaceAll('_', '-');
  return isTenantId(id) ? id : undefined;
}

/** Quotes an identifier that has already been validated. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
