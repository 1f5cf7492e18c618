import type { CallContext } from '@ido/platform-messaging';
import type { FastifyRequest } from 'fastify';
import { headerOf, httpHeaders } from './http-headers';

/** W3C trace context version 00, with the all-zero ids the spec declares invalid excluded. */
const traceparentPattern = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/**
 * What travels with the hop: the client's token (each service verifies it again),
 * the tenant the edge check verified (never the client's own header), the request
 * id, the trace context when it is well formed, and the client's address.
 */
export function callContextOf(request: FastifyRequest, verifiedTenant: string | undefined): CallContext {
  return {
    requestId: request.id,
    tenant: verifiedTenant,
    authorization: headerOf(request, httpHeaders.authorization),
    traceparent: wellFormedTraceparent(headerOf(request, httpHeaders.traceparent)),
    clientIp: request.ip,
  };
}

export function wellFormedTraceparent(value: string | undefined): string | undefined {
  return value !== undefined && traceparentPattern.test(value) ? value : undefined;
}
