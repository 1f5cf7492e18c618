import type { PoolClient } from 'pg';

/**
 * Runs statements as one transaction in one round trip (a simple-protocol
 * script). On failure the transaction is rolled back and the error rethrown.
 * Each part must end its own statements; none may COMMIT.
 */
export async function runTransactionScript(client: PoolClient, parts: string[]): Promise<void> {
  try {
    await client.query(['BEGIN;', ...parts, 'COMMIT;'].join('\n'));
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Runs `work` between BEGIN and COMMIT on `client`; rolls back and rethrows if it throws. */
export async function inTransaction<T>(client: PoolClient, work: (client: PoolClient) => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
