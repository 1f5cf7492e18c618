import { Client } from 'pg';

const identifier = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * Creates the service's own database on the server if it is missing. Safe when
 * replicas start together: losing the creation race is success.
 */
export async function ensureServiceDatabase(adminUrl: string, name: string): Promise<'created' | 'existed'> {
  if (!identifier.test(name)) throw new Error(`refusing database name ${JSON.stringify(name)}`);
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return 'existed';
    await admin.query(`CREATE DATABASE "${name}"`);
    return 'created';
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P04' || code === '23505') return 'existed';
    throw error;
  } finally {
    await admin.end();
  }
}
