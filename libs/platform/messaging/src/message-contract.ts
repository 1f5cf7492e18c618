import type { z } from 'zod';

/**
 * What messaging needs of a contract. `@ido/internal-api` contracts satisfy it
 * structurally, so platform code never imports the contracts package.
 */
export interface MessageContract<Req extends z.ZodType = z.ZodType, Rep extends z.ZodType = z.ZodType> {
  readonly subject: string;
  readonly request: Req;
  readonly reply: Rep;
  readonly timeoutMs: number;
}

/** The wire subject: the namespace isolates environments and test runs (ADR 0003). */
export function wireSubject(namespace: string, subject: string): string {
  return `${namespace}.${subject}`;
}
