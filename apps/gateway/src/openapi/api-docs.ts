import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { HttpRoute } from '@ido/internal-api';
import type { FastifyInstance } from 'fastify';
import { openApiDocumentOf } from './openapi-document';

/**
 * The docs pages' content policy: swagger-ui's own files only (it needs no
 * inline script or style), nothing from elsewhere — not even the online
 * validator badge, which is switched off.
 */
const docsContentPolicy = {
  'default-src': "'self'",
  'base-uri': "'self'",
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'object-src': "'none'",
  'script-src-attr': "'none'",
  'form-action': "'self'",
  'frame-ancestors': "'none'",
};

/**
 * `/openapi.json` and the docs UI at `/docs`. The document is built once at
 * start from the routes served. swagger-ui replaces the API's content policy on
 * its own pages with the one above (staticCSP).
 */
export async function registerApiDocs(fastify: FastifyInstance, routes: readonly HttpRoute[]): Promise<void> {
  const document = openApiDocumentOf(routes);
  // @fastify/swagger's types know static documents up to OpenAPI 3.0; it serves a 3.1 one unchanged.
  await fastify.register(swagger, { mode: 'static', specification: { document: document as unknown as StaticDocumentSpec['document'] } });
  await fastify.register(swaggerUi, { routePrefix: '/docs', staticCSP: docsContentPolicy, uiConfig: { validatorUrl: null } });
  fastify.get('/openapi.json', () => document);
}
