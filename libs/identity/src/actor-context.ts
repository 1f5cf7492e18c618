import { AsyncLocalStorage } from 'node:async_hooks';
import { IdoError } from '@ido/platform-messaging';
import type { Actor } from './access-token';

const actors = new AsyncLocalStorage<Actor>();

export function runAsActor<T>(actor: Actor, work: () => T): T {
  return actors.run(actor, work);
}

/** The verified caller of the current handler; throws UNAUTHENTICATED in a public handler or outside one. */
export function currentActor(): Actor {
  const actor = actors.getStore();
  if (!actor) throw new IdoError('UNAUTHENTICATED', 'No authenticated caller', { reason: 'missing-token' });
  return actor;
}

/** The verified caller, if the current handler has one. */
export function optionalActor(): Actor | undefined {
  return actors.getStore();
}
