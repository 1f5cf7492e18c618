import rateLimit from '@fastify/rate-limit';
import { IdoError } from '@ido/platform-messaging';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewaySettings } from '../gateway.settings';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Requests per window, counted per source address before anything else runs
 * (it shields the body parser and the token check), and per tenant once the
 * token is verified (one noisy customer cannot starve the others). Counters live
 * in this replica's memory: with N replicas a client gets up to N × the limit.
 */
export class RateLimits {
  /** The verified tenant of a request in flight, for the tenant limiter's key. */
  private readonly tenantOf = new WeakMap<FastifyRequest, string>();
  private readonly perSource: Limiter;
  private readonly perTenant: Limiter;

  private constructor(api: FastifyInstance, limits: GatewaySettings['rateLimits']) {
    this.perSource = api.createRateLimit({ max: limits.perSource, timeWindow: limits.windowMs, keyGenerator: (request) => `source:${request.ip}` });
    this.perTenant = api.createRateLimit({ max: limits.perTenant, timeWindow: limits.windowMs, keyGenerator: (request) => `tenant:${this.tenantOf.get(request)}` });
  }

  /** Registers the counters' plugin in the API's scope. */
  static async register(api: FastifyInstance, limits: GatewaySettings['rateLimits']): Promise<RateLimits> {
    await api.register(rateLimit, { global: false });
    return new RateLimits(api, limits);
  }

  async checkSource(request: FastifyRequest): Promise<void> {
    refuseIfExceeded(await this.perSource(request), 'source');
  }

  /** Anonymous public calls have no tenant: the source limit alone applies to them. */
  async checkTenant(request: FastifyRequest, tenant: string | undefined): Promise<void> {
    if (tenant === undefined) return;
    this.tenantOf.set(request, tenant);
    refuseIfExceeded(await this.perTenant(request), 'tenant');
  }
}

function refuseIfExceeded(result: Awaited<ReturnType<Limiter>>, limit: 'source' | 'tenant'): void {
  if (result.isAllowed || !result.isExceeded) return;
  throw new IdoError('RATE_LIMITED', 'Too many requests; slow down', { limit, retryAfterSeconds: result.ttlInSeconds });
}
