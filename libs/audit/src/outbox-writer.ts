import { randomUUID } from 'node:crypto';
import type { EventContract, EventPayloadOf } from '@ido/internal-api';
import { OUTBOX_TABLE } from './outbox-migration';

/**
 * The caller's open transaction on a tenant connection: a `pg` client inside BEGIN
 * (`withActor`) or a Prisma interactive transaction (`withPrismaActor`). The row is
 * written through it, so it commits or rolls back with the business change.
 */
export type OutboxTransaction =
  | { query(text: string, values: unknown[]): Promise<unknown> }
  | { $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number> };

const insertSql = `INSERT INTO ${OUTBOX_TABLE} (id, subject, payload) VALUES ($1, $2, $3::jsonb)`;

/** Validates the payload by its event contract and writes it as an outbox row; returns the event id. */
export async function writeToOutbox<E extends EventContract>(tx: OutboxTransaction, event: E, payload: EventPayloadOf<E>, id: string = randomUUID()): Promise<string> {
  const body = JSON.stringify(event.payload.parse(payload));
  if ('query' in tx) await tx.query(insertSql, [id, event.subject, body]);
  else await tx.$executeRawUnsafe(insertSql, id, event.subject, body);
  return id;
}
