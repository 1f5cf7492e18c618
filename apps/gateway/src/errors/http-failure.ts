import { HttpException } from '@nestjs/common';
import { type ErrorCode, httpStatusOf, IdoError, type WireError } from '@ido/platform-messaging';

/** One failed request as the client will see it. */
export interface HttpFailure {
  status: number;
  error: WireError;
  /** For RATE_LIMITED: when the client may try again. */
  retryAfterSeconds?: number;
}

const internalFailure: HttpFailure = { status: 500, error: { code: 'INTERNAL', message: 'Internal error' } };

/** Failures of the server side say what happened, never why: the why is in the logs. */
const publicMessages: Partial<Record<ErrorCode, string>> = {
  INTERNAL: internalFailure.error.message,
  UNAVAILABLE: 'The service is unavailable; try again later',
  TIMEOUT: 'The service did not answer in time',
};

const codeOfStatus = new Map(Object.entries(httpStatusOf).map(([code, status]) => [status, code as ErrorCode]));

/**
 * Maps anything a request can fail with to the one error shape: a typed IdoError
 * keeps its code, a rejection by the HTTP layer keeps its 4xx status, anything
 * else is an INTERNAL 500.
 */
export function failureOf(error: unknown): HttpFailure {
  if (error instanceof IdoError) return failureOfIdoError(error);
  return (error instanceof Error && rejectionOf(error)) || internalFailure;
}

function failureOfIdoError(error: IdoError): HttpFailure {
  const status = httpStatusOf[error.code];
  const publicMessage = publicMessages[error.code];
  if (publicMessage) return { status, error: { code: error.code, message: publicMessage } };
  const retryAfterSeconds = error.code === 'RATE_LIMITED' ? retryAfterOf(error.details) : undefined;
  return retryAfterSeconds ? { status, error: error.toWire(), retryAfterSeconds } : { status, error: error.toWire() };
}

/**
 * A request Fastify (`statusCode`: bad JSON, media type, size) or Nest
 * (`HttpException`: unknown route) turned away. Their messages describe the
 * request, not the server, so they are shown.
 */
function rejectionOf(error: Error): HttpFailure | undefined {
  const status = error instanceof HttpException ? error.getStatus() : (error as { statusCode?: unknown }).statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  // Statuses the error model has no code for (405, 413, 415) are malformed requests too.
  return { status, error: { code: codeOfStatus.get(status) ?? 'VALIDATION_FAILED', message: error.message } };
}

function retryAfterOf(details: unknown): number | undefined {
  const seconds = (details as { retryAfterSeconds?: unknown } | null | undefined)?.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? Math.ceil(seconds) : undefined;
}
