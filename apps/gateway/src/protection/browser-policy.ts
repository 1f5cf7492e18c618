import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import { httpHeaders } from '../routing/http-headers';

/**
 * What browsers are told, on every answer. The API answers JSON only, so its
 * content policy lets nothing load, run or frame it; the docs page replaces it
 * with the policy swagger-ui needs (see api-docs.ts). Cross-origin calls are
 * allowed only from the configured origins; tokens travel in a header, never in
 * cookies, so credentials are not allowed.
 */
export async function registerBrowserPolicy(fastify: FastifyInstance, corsOrigins: readonly string[]): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  });
  await fastify.register(cors, {
    origin: [...corsOrigins],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    exposedHeaders: [httpHeaders.requestId, httpHeaders.retryAfter, httpHeaders.idempotentReplayed],
    maxAge: 600,
  });
}
