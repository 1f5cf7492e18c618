import { z } from 'zod';

/** The one error shape that crosses every boundary. The gateway maps codes to HTTP. */
export const errorCodes = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'TIMEOUT',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** How the gateway answers each code over HTTP. */
export const httpStatusOf: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
  INTERNAL: 500,
};

export const wireErrorSchema = z
  .object({ code: z.enum(errorCodes), message: z.string(), details: z.unknown().optional() })
  .strict();

export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** A failure a handler means to report; anything else becomes INTERNAL. */
export class IdoError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'IdoError';
  }

  /** Rebuilds the error a remote handler reported; a malformed report is INTERNAL. */
  static fromWire(body: unknown): IdoError {
    const parsed = wireErrorSchema.safeParse(body);
    return parsed.success
      ? new IdoError(parsed.data.code, parsed.data.message, parsed.data.details)
      : new IdoError('INTERNAL', 'Malformed error reply');
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof IdoError) return error.toWire();
  return { code: 'INTERNAL', message: 'Internal error' };
}
