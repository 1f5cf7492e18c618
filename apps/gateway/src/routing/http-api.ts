import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HttpRoute } from '@ido/internal-api';
import { MessageBus } from '@ido/platform-messaging';
import { SERVICE_SETTINGS } from '@ido/platform-runtime';
import type { FastifyInstance } from 'fastify';
import { EDGE_AUTHORIZER, type EdgeAuthorizer } from '../access/edge-authorizer';
import { sendFailure } from '../errors/send-failure';
import type { GatewaySettings } from '../gateway.settings';
import { IdempotencyStore } from '../idempotency/idempotency-store';
import { registerApiDocs } from '../openapi/api-docs';
import { registerBrowserPolicy } from '../protection/browser-policy';
import { RateLimits } from '../protection/rate-limits';
import { type ApiRequest, routeHandler } from './route-handler';

/** Injection token of the routes the gateway serves (see GatewayOptions.routes). */
export const GATEWAY_ROUTES = Symbol('GATEWAY_ROUTES');

/**
 * Builds the public HTTP surface at start-up. Order matters to Fastify: hooks
 * reach only the scopes created after them, so the browser policy comes first
 * (it covers health, docs and API alike), then the docs, then one Fastify route
 * per declared HttpRoute in a scope of its own, where bodies are JSON only (the
 * root scope also parses forms and plain text), each source address is counted
 * before anything else runs, and every failure, Fastify's own included, is
 * answered with the one error body.
 */
@Injectable()
export class HttpApi implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(EDGE_AUTHORIZER) private readonly authorizer: EdgeAuthorizer,
    @Inject(GATEWAY_ROUTES) private readonly routes: readonly HttpRoute[],
    @Inject(SERVICE_SETTINGS) private readonly settings: GatewaySettings,
    @Inject(IdempotencyStore) private readonly idempotency: IdempotencyStore,
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await registerBrowserPolicy(fastify, this.settings.corsOrigins);
    await registerApiDocs(fastify, this.routes);
    await fastify.register(async (api) => this.serve(api));
  }

  private async serve(api: FastifyInstance): Promise<void> {
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('application/json', { parseAs: 'string' }, api.getDefaultJsonParser('error', 'error'));
    api.setErrorHandler((error, request, reply) => sendFailure(request, reply, error));
    const limits = await RateLimits.register(api, this.settings.rateLimits);
    api.addHook('onRequest', (request) => limits.checkSource(request));
    const services = { authorizer: this.authorizer, bus: this.bus, limits, idempotency: this.idempotency };
    for (const route of this.routes) {
      api.route<ApiRequest>({ method: route.method, url: route.path, handler: routeHandler(route, services) });
    }
  }
}
