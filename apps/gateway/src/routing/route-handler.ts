import type { HttpRoute } from '@ido/internal-api';
import type { MessageBus } from '@ido/platform-messaging';
import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import { accessRuleOf, type EdgeAuthorizer } from '../access/edge-authorizer';
import { callContextOf } from './call-context';
import { headerOf, httpHeaders } from './http-headers';
import { type Fields, requestPayloadOf } from './request-payload';

export interface ApiRequest extends RouteGenericInterface {
  Querystring: Fields;
  Params: Fields;
}

/**
 * One route's handler: the edge check first (a caller who may not call learns
 * nothing, not even the schema), then the contract's request — validated by the
 * bus before it leaves — and its reply. Failures go to the API's error handler.
 */
export function routeHandler(route: HttpRoute, authorizer: EdgeAuthorizer, bus: MessageBus) {
  const rule = accessRuleOf(route.access);
  const successStatus = route.successStatus ?? 200;
  return async (request: FastifyRequest<ApiRequest>, reply: FastifyReply): Promise<FastifyReply> => {
    const caller = await authorizer.authorize({
      authorization: headerOf(request, httpHeaders.authorization),
      tenantHeader: headerOf(request, httpHeaders.tenant),
      rule,
      module: route.module,
    });
    const payload = requestPayloadOf(route.method, request);
    const result = await bus.request(route.contract, payload, callContextOf(request, caller?.tenant));
    return reply.status(successStatus).header(httpHeaders.requestId, request.id).send(result);
  };
}
