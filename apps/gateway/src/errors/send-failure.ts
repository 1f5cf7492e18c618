import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { httpHeaders } from '../routing/http-headers';
import { failureOf } from './http-failure';

const log = new Logger('HttpApi');

/**
 * Answers a failed request with the gateway's one error body:
 * `{ "error": { "code", "message", "details"?, "requestId" } }`. Server-side
 * failures are logged here with what the client is not told.
 */
export function sendFailure(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const failure = failureOf(error);
  if (failure.status >= 500) logServerFailure(request, failure.error.code, error);
  if (failure.retryAfterSeconds) reply.header(httpHeaders.retryAfter, String(failure.retryAfterSeconds));
  return reply
    .status(failure.status)
    .header(httpHeaders.requestId, request.id)
    .send({ error: { ...failure.error, requestId: request.id } });
}

function logServerFailure(request: FastifyRequest, code: string, error: unknown): void {
  const context = { requestId: request.id, route: request.routeOptions.url, code };
  if (code === 'INTERNAL') log.error({ ...context, err: error }, 'request failed');
  else log.warn({ ...context, reason: error instanceof Error ? error.message : String(error) }, 'request failed');
}
