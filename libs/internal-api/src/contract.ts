import { z } from 'zod';

const token = /^[a-z][a-z0-9-]*$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A versioned request/reply message between services. The wire subject is
 * `<namespace>.<subject>`, the namespace being `ido` in production (ADR 0003),
 * which gives the design's `ido.<module>.v<major>.<entity>.<verb>`.
 */
export interface Contract<Req extends z.ZodType = z.ZodType, Rep extends z.ZodType = z.ZodType> {
  readonly module: string;
  readonly entity: string;
  readonly verb: string;
  readonly version: number;
  readonly subject: string;
  readonly request: Req;
  readonly reply: Rep;
  /** How long a caller waits for the reply before giving up with TIMEOUT. */
  readonly timeoutMs: number;
  /** ISO date from which callers should move to the next major version. */
  readonly deprecated?: string;
  /** ISO date after which this version must no longer be served. */
  readonly removeAfter?: string;
}

export type RequestOf<C extends Contract> = z.input<C['request']>;
export type ReplyOf<C extends Contract> = z.output<C['reply']>;
/** What a handler receives: the request after the contract parsed it (defaults applied). */
export type ParsedRequestOf<C extends Contract> = z.output<C['request']>;

export interface ContractDefinition<Req extends z.ZodType, Rep extends z.ZodType> {
  module: string;
  entity: string;
  verb: string;
  version: number;
  request: Req;
  reply: Rep;
  timeoutMs?: number;
  deprecated?: string;
  removeAfter?: string;
}

export const DEFAULT_TIMEOUT_MS = 5_000;

export function defineContract<Req extends z.ZodType, Rep extends z.ZodType>(
  definition: ContractDefinition<Req, Rep>,
): Contract<Req, Rep> {
  const { module, entity, verb, version, removeAfter, deprecated } = definition;
  for (const [field, value] of Object.entries({ module, entity, verb })) {
    if (!token.test(value)) throw new Error(`contract ${field} "${value}" must match ${token}`);
  }
  if (!Number.isInteger(version) || version < 1) {
    throw new Error(`contract ${module}.${entity}.${verb}: version must be a positive integer`);
  }
  for (const [field, value] of Object.entries({ deprecated, removeAfter })) {
    if (value !== undefined && !isoDate.test(value)) {
      throw new Error(`contract ${module}.${entity}.${verb}: ${field} must be YYYY-MM-DD`);
    }
  }
  if (removeAfter && !deprecated) {
    throw new Error(`contract ${module}.${entity}.${verb}: removeAfter needs a deprecated date`);
  }
  return Object.freeze({
    ...definition,
    timeoutMs: definition.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    subject: `${module}.v${version}.${entity}.${verb}`,
  });
}
