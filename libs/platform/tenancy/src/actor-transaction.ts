import type { Pool, PoolClient } from 'pg';
import { inTransaction } from './transaction-script';

/** Who a request acts as, for row-level policies inside a tenant. */
export interface Actor {
  id: string;
  roles: readonly string[];
}

/**
 * Runs `work` in one transaction with the actor set as transaction-local settings
 * (`ido.actor_id`, `ido.actor_roles`). RLS policies read them with
 * `current_setting('ido.actor_id', true)`, which is NULL — and so matches
 * nothing — when a caller forgot to set them.
 */
export async function withActor<T>(pool: Pool, actor: Actor, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    return await inTransaction(client, async () => {
      await client.query(`SELECT set_config('ido.actor_id', $1, true), set_config('ido.actor_roles', $2, true)`, [actor.id, actor.roles.join(',')]);
      return work(client);
    });
  } finally {
    client.release();
  }
}
