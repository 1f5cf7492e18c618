import type { FastifyRequest } from 'fastify';

/** HTTP headers the gateway reads from clients or writes back to them. */
export const httpHeaders = {
  /** In: the client's id for its request (kept if sane). Out: the id the request ran under. */
  requestId: 'x-request-id',
  authorization: 'authorization',
  /** The tenant a client names; only the authorizer's verified tenant travels on. */
  tenant: 'ido-tenant',
  traceparent: 'traceparent',
  retryAfter: 'retry-after',
  /** In: the client's key for a retry-safe POST. */
  idempotencyKey: 'idempotency-key',
  /** Out: "true" on an answer replayed from the first request with the same key. */
  idempotentReplayed: 'idempotent-replayed',
} as const;

/** A single-valued header; Node merges or drops repeats, so an array is not one value. */
export function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}
