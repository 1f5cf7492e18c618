import type { FastifyInstance } from 'fastify';
import type { ServiceMetrics } from './metrics';

/** RED metrics per route template (never the raw URL, which would explode cardinality). */
export function instrumentHttp(fastify: FastifyInstance, metrics: ServiceMetrics): void {
  fastify.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observeHttp(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
  });
}
