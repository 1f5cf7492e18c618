import type { z } from 'zod';

const token = /^[a-z][a-z0-9-]*$/;

/**
 * A versioned domain event. Its wire subject is `<namespace>.events.<module>.<name>.v<n>`
 * (`ido.events.identity.tenant-provisioned.v1` in production).
 */
export interface EventContract<P extends z.ZodType = z.ZodType> {
  readonly module: string;
  readonly name: string;
  readonly version: number;
  readonly subject: string;
  readonly payload: P;
}

export type EventPayloadOf<E extends EventContract> = z.output<E['payload']>;

export function defineEvent<P extends z.ZodType>(definition: { module: string; name: string; version: number; payload: P }): EventContract<P> {
  for (const value of [definition.module, definition.name]) {
    if (!token.test(value)) throw new Error(`event name part "${value}" must match ${token}`);
  }
  return Object.freeze({ ...definition, subject: `events.${definition.module}.${definition.name}.v${definition.version}` });
}
