import type { HttpRoute } from '@ido/internal-api';
import { IdoError, type MessageBus } from '@ido/platform-messaging';
import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import { accessRuleOf, type EdgeAuthorizer } from '../access/edge-authorizer';
import { fingerprintOf, idempotencyKeyOf } from '../idempotency/idempotency-key';
import type { IdempotencyStore } from '../idempotency/idempotency-store';
import { type KeyedCall, performOnce } from '../idempotency/idempotent-call';
import type { RateLimits } from '../protection/rate-limits';
import { callContextOf } from './call-context';
import { headerOf, httpHeaders } from './http-headers';
import { type Fields, requestPayloadOf } from './request-payload';

export interface ApiRequest extends RouteGenericInterface {
  Querystring: Fields;
  Params: Fields;
}

/** What every route's handler works with. */
export interface RouteServices {
  authorizer: EdgeAuthorizer;
  bus: MessageBus;
  limits: RateLimits;
  idempotency: IdempotencyStore;
}

/** Beyond the contract's timeout, a claim still pending was left by a gateway that died. */
const abandonedClaimMarginMs = 5_000;

/**
 * One route's handler: the edge check first (a caller who may not call learns
 * nothing, not even the schema), the tenant's rate limit, then the contract's
 * request — validated by the bus before it leaves — at most once per
 * Idempotency-Key where the route takes one. Failures go to the API's error handler.
 */
export function routeHandler(route: HttpRoute, services: RouteServices) {
  const rule = accessRuleOf(route.access);
  const successStatus = route.successStatus ?? 200;
  const staleAfterMs = route.contract.timeoutMs + abandonedClaimMarginMs;
  return async (request: FastifyRequest<ApiRequest>, reply: FastifyReply): Promise<FastifyReply> => {
    const caller = await services.authorizer.authorize({
      authorization: headerOf(request, httpHeaders.authorization),
      tenantHeader: headerOf(request, httpHeaders.tenant),
      rule,
      module: route.module,
    });
    await services.limits.checkTenant(request, caller?.tenant);
    const payload = requestPayloadOf(route.method, request);
    const send = () => services.bus.request(route.contract, payload, callContextOf(request, caller?.tenant));
    const key = route.idempotent ? idempotencyKeyOf(headerOf(request, httpHeaders.idempotencyKey)) : undefined;
    const keyed = key && caller && { tenant: caller.tenant, key, fingerprint: fingerprintOf(route, payload), staleAfterMs };
    const body = keyed ? await keyedBody(services.idempotency, keyed, send, reply) : await send();
    return reply.status(successStatus).header(httpHeaders.requestId, request.id).send(body);
  };
}

/** The body of a keyed request, first time or replayed (then flagged); a stored error is raised again. */
async function keyedBody(store: IdempotencyStore, call: KeyedCall, send: () => Promise<unknown>, reply: FastifyReply): Promise<unknown> {
  const { outcome, replayed } = await performOnce(store, call, send);
  if (replayed) reply.header(httpHeaders.idempotentReplayed, 'true');
  if (outcome.kind === 'error') throw IdoError.fromWire(outcome.error);
  return outcome.body;
}
