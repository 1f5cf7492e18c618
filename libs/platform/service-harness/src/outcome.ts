import { IdoError } from '@ido/platform-messaging';

/** A call's outcome as data, so a test compares refusals without try/catch. */
export type Outcome<T> = { ok: true; reply: T } | { ok: false; code: string; message: string; details?: unknown };

/** Resolves to the reply or to the typed error; anything that is not an IdoError still throws. */
export async function outcomeOf<T>(call: Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, reply: await call };
  } catch (error) {
    if (!(error instanceof IdoError)) throw error;
    return { ok: false, code: error.code, message: error.message, details: error.details };
  }
}
