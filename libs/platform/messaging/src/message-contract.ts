import type { z } from 'zod';

/**
 * What messaging needs of a contract. `@ido/internal-api` contracts satisfy it
 * structurally, so platform code never imports the contracts package.
 */
export interface MessageContract {
  readonly subject: string;
  readonly request: z.ZodType;
  readonly reply: z.ZodType;
  readonly timeoutMs: number;
}

/** The wire subject: the namespace isolates environments and test runs (ADR 0003). */
export function wireSubject(namespace: string, subject: string): string {
  return `${namespace}.${subject}`;
}
