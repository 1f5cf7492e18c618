import type { HttpRoute } from '@ido/internal-api';

const errorContent = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
const answer = (description: string, extra: object = {}) => ({ description, ...extra, content: errorContent });

/** Every error the gateway answers, all in the one error body. */
export const errorResponses = {
  BadRequest: answer('VALIDATION_FAILED: the request does not match the contract (also 413 too large, 414 URI too long, 415 not JSON)'),
  Unauthenticated: answer('UNAUTHENTICATED: no valid access token'),
  Forbidden: answer('FORBIDDEN: the token lacks the permission, names another tenant, or the module is disabled for the tenant'),
  NotFound: answer('NOT_FOUND'),
  Conflict: answer('CONFLICT: the state forbids it, or the Idempotency-Key was used for another request or is still in flight'),
  TooManyRequests: answer('RATE_LIMITED: too many requests from this address or tenant', {
    headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } },
  }),
  Unavailable: answer('UNAVAILABLE: the service behind the route is down'),
  Timeout: answer('TIMEOUT: the service did not answer in time'),
};

const ref = (name: keyof typeof errorResponses) => ({ $ref: `#/components/responses/${name}` });

/** The failures one route can answer with. */
export function errorResponsesOf(route: HttpRoute): Record<string, object> {
  const guarded = route.access.kind !== 'public';
  const changes = route.method !== 'GET';
  return {
    '400': ref('BadRequest'),
    ...(guarded && { '401': ref('Unauthenticated'), '403': ref('Forbidden') }),
    '404': ref('NotFound'),
    ...(changes && { '409': ref('Conflict') }),
    '429': ref('TooManyRequests'),
    '503': ref('Unavailable'),
    '504': ref('Timeout'),
  };
}
