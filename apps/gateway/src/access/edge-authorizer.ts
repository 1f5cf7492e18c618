import type { RouteAccess } from '@ido/internal-api';

/** Who may call a route, as the edge check reads it: a permission by its name. */
export type AccessRule = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: string };

export interface EdgeAuthorization {
  /** The raw `Authorization` header ("Bearer …"), if the client sent one. */
  authorization?: string;
  /** The tenant the client names in its `ido-tenant` header: checked against the token, never trusted alone. */
  tenantHeader?: string;
  rule: AccessRule;
  /** The module the caller's tenant must have enabled. */
  module?: string;
}

/**
 * The access check at the edge, run before any NATS hop so that a refused call
 * costs the services nothing. It throws IdoError UNAUTHENTICATED or FORBIDDEN, and
 * resolves to the verified caller's tenant (undefined for an anonymous public call).
 * Identity's AccessPolicy has this shape; each service still checks the token itself.
 */
export interface EdgeAuthorizer {
  authorize(input: EdgeAuthorization): Promise<{ tenant: string } | undefined>;
}

/** Injection token of the gateway's EdgeAuthorizer (see GatewayOptions.authorizer). */
export const EDGE_AUTHORIZER = Symbol('EDGE_AUTHORIZER');

export function accessRuleOf(access: RouteAccess): AccessRule {
  return access.kind === 'permission' ? { kind: 'permission', permission: access.permission.name } : access;
}
