import type { Contract } from '../contract';
import type { Permission } from './permissions';

/** Who may call a route: anyone, any signed-in caller, or holders of one permission. */
export type RouteAccess = { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission };

export const publicAccess: RouteAccess = { kind: 'public' };
export const authenticated: RouteAccess = { kind: 'authenticated' };
export const requires = (permission: Permission): RouteAccess => ({ kind: 'permission', permission });

/**
 * A public HTTP route of the gateway, declared beside its contract: the gateway
 * builds the contract's request from path parameters, query and body, and
 * answers with its reply (or the typed error mapped to HTTP).
 */
export interface HttpRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify syntax: `/v1/identity/users/:id`. */
  readonly path: string;
  readonly contract: Contract;
  readonly access: RouteAccess;
  /** The module a tenant must have enabled; absent for identity's own routes. */
  readonly module?: string;
  /** HTTP status of a success (default 200). */
  readonly successStatus?: number;
  /**
   * A POST that creates a record or moves money: a client may send an
   * `Idempotency-Key` header, and a retry with the same key gets the first answer
   * instead of a second record. Keys are scoped to the caller's tenant, so such a
   * route is never public.
   */
  readonly idempotent?: boolean;
}

export function defineRoutes(routes: readonly HttpRoute[]): readonly HttpRoute[] {
  for (const route of routes) {
    if (!route.path.startsWith('/')) throw new Error(`route path ${route.path} must start with /`);
    if (route.idempotent && (route.method !== 'POST' || route.access.kind === 'public')) {
      throw new Error(`route ${route.method} ${route.path}: only a POST for signed-in callers takes idempotency keys`);
    }
  }
  return Object.freeze([...routes]);
}
