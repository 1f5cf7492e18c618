import { type DynamicModule, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { type HttpRoute, httpRoutes } from '@ido/internal-api';
import { AccessPolicy, IdentityModule } from '@ido/identity';
import type { ServiceDefinition } from '@ido/platform-runtime';
import { EDGE_AUTHORIZER } from './access/edge-authorizer';
import { answerClientError } from './errors/client-error';
import { GatewayExceptionFilter } from './errors/gateway-exception.filter';
import { sendFailure } from './errors/send-failure';
import { gatewaySettingsSchema, trustedProxiesOf } from './gateway.settings';
import { IdempotencyStore } from './idempotency/idempotency-store';
import { GATEWAY_ROUTES, HttpApi } from './routing/http-api';

export interface GatewayOptions {
  /** The public routes to serve, each declared beside its contract. */
  routes: readonly HttpRoute[];
  /** Binds EDGE_AUTHORIZER, e.g. `{ provide: EDGE_AUTHORIZER, useExisting: AccessPolicy }`. */
  authorizer: Provider;
  /** Modules the authorizer comes from, e.g. `IdentityModule.forService()`. */
  imports?: ModuleMetadata['imports'];
}

/** The public HTTP API `/v1/...`: each route checked at the edge, then one NATS request to its service. */
@Module({})
export class GatewayModule {
  static forRoot({ routes, authorizer, imports = [] }: GatewayOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports,
      providers: [{ provide: GATEWAY_ROUTES, useValue: routes }, authorizer, IdempotencyStore, HttpApi, { provide: APP_FILTER, useClass: GatewayExceptionFilter }],
    };
  }
}

/**
 * The gateway as a service: its module, its settings (CORS origins, rate limits,
 * idempotency TTL, trusted proxies), and the failures of Fastify's router (bad
 * URL encoding, over-long path parameters) and of Node's HTTP parser (oversized
 * headers) answered in the API's error body too. Behind the trusted proxies the
 * client's address — rate limits, identity's lockout — comes from X-Forwarded-For.
 */
export function gatewayService(options: GatewayOptions, environment: Record<string, string | undefined> = process.env): ServiceDefinition {
  return {
    name: 'gateway',
    module: GatewayModule.forRoot(options),
    settings: gatewaySettingsSchema,
    httpOptions: {
      frameworkErrors: (error, request, reply) => void sendFailure(request, reply, error),
      clientErrorHandler: answerClientError,
      trustProxy: trustedProxiesOf(environment),
    },
  };
}

/** What the deployed gateway serves: every declared route, checked by identity's AccessPolicy at the edge. */
export const deployedGateway: GatewayOptions = {
  routes: httpRoutes,
  imports: [IdentityModule.forService({ gatesReadiness: true })],
  authorizer: { provide: EDGE_AUTHORIZER, useExisting: AccessPolicy },
};
