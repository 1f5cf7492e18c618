import type { EventContract, EventPayloadOf } from '@ido/internal-api';
import { type OutboxTransaction, writeToOutbox } from './outbox-writer';

/**
 * Domain events through the transactional outbox: `events.publish(tx, contract, payload)`
 * inside the transaction of the change. The relay delivers it to JetStream after
 * the commit, at least once, with the returned id as `Nats-Msg-Id`.
 */
export class DomainEvents {
  publish<E extends EventContract>(tx: OutboxTransaction, event: E, payload: EventPayloadOf<E>): Promise<string> {
    return writeToOutbox(tx, event, payload);
  }
}
