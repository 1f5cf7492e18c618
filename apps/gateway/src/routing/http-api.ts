import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HttpRoute } from '@ido/internal-api';
import { MessageBus } from '@ido/platform-messaging';
import type { FastifyInstance } from 'fastify';
import { EDGE_AUTHORIZER, type EdgeAuthorizer } from '../access/edge-authorizer';
import { sendFailure } from '../errors/send-failure';
import { type ApiRequest, routeHandler } from './route-handler';

/** Injection token of the routes the gateway serves (see GatewayOptions.routes). */
export const GATEWAY_ROUTES = Symbol('GATEWAY_ROUTES');

/**
 * Registers one Fastify route per declared HttpRoute at start-up, in a plugin
 * scope of its own: there bodies are JSON only (the root scope also parses forms
 * and plain text) and every failure, Fastify's own included, is answered with
 * the one error body.
 */
@Injectable()
export class HttpApi implements OnModuleInit {
  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(MessageBus) private readonly bus: MessageBus,
    @Inject(EDGE_AUTHORIZER) private readonly authorizer: EdgeAuthorizer,
    @Inject(GATEWAY_ROUTES) private readonly routes: readonly HttpRoute[],
  ) {}

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    await fastify.register(async (api) => this.serve(api));
  }

  private serve(api: FastifyInstance): void {
    api.removeAllContentTypeParsers();
    api.addContentTypeParser('application/json', { parseAs: 'string' }, api.getDefaultJsonParser('error', 'error'));
    api.setErrorHandler((error, request, reply) => sendFailure(request, reply, error));
    for (const route of this.routes) {
      api.route<ApiRequest>({ method: route.method, url: route.path, handler: routeHandler(route, this.authorizer, this.bus) });
    }
  }
}
