import { NotFoundException } from '@nestjs/common';
import { errorCodes, httpStatusOf, IdoError } from '@ido/platform-messaging';
import { failureOf } from './http-failure';

/** A rejection as Fastify raises it: an Error carrying the HTTP status. */
const fastifyError = (statusCode: number, message: string) => Object.assign(new Error(message), { statusCode });

describe('failureOf', () => {
  it.each(errorCodes.map((code) => [code, httpStatusOf[code]] as const))('answers %s with %i', (code, status) => {
    expect(failureOf(new IdoError(code, 'm')).status).toBe(status);
  });

  it('keeps the message and details of a domain error', () => {
    expect(failureOf(new IdoError('CONFLICT', 'Email taken', { field: 'email' }))).toEqual({
      status: 409,
      error: { code: 'CONFLICT', message: 'Email taken', details: { field: 'email' } },
    });
  });

  it.each(['INTERNAL', 'UNAVAILABLE', 'TIMEOUT'] as const)('tells nothing of the server behind %s', (code) => {
    const failure = failureOf(new IdoError(code, 'Nothing serves identity.v1.user.get', { host: 'nats-2' }));
    expect(failure.error.details).toBeUndefined();
    expect(failure.error.message).not.toContain('identity.v1');
  });

  it('hides everything of an unexpected error', () => {
    expect(failureOf(new Error('password=hunter2'))).toEqual({ status: 500, error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(failureOf('thrown string')).toMatchObject({ status: 500 });
    expect(failureOf(fastifyError(503, 'pool exhausted'))).toMatchObject({ status: 500, error: { message: 'Internal error' } });
  });

  it.each([
    [400, 'VALIDATION_FAILED'],
    [413, 'VALIDATION_FAILED'],
    [414, 'VALIDATION_FAILED'],
    [415, 'VALIDATION_FAILED'],
    [404, 'NOT_FOUND'],
  ])('keeps the status %i of a request the HTTP layer rejected, as %s', (status, code) => {
    expect(failureOf(fastifyError(status, 'Unsupported Media Type'))).toEqual({ status, error: { code, message: 'Unsupported Media Type' } });
  });

  it("maps Nest's unknown-route exception to NOT_FOUND", () => {
    expect(failureOf(new NotFoundException('Cannot GET /x'))).toEqual({ status: 404, error: { code: 'NOT_FOUND', message: 'Cannot GET /x' } });
  });

  it('gives RATE_LIMITED a whole number of seconds to wait, when the details carry one', () => {
    expect(failureOf(new IdoError('RATE_LIMITED', 'Slow down', { retryAfterSeconds: 1.2 })).retryAfterSeconds).toBe(2);
    expect(failureOf(new IdoError('RATE_LIMITED', 'Slow down', { retryAfterSeconds: 'soon' })).retryAfterSeconds).toBeUndefined();
    expect(failureOf(new IdoError('RATE_LIMITED', 'Slow down')).retryAfterSeconds).toBeUndefined();
  });
});
