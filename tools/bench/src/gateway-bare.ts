import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';

/**
 * The baseline: a bare Fastify endpoint running the query identity runs for
 * `GET /v1/auth/me` (the user with its roles), on a pool as large as identity's
 * per-tenant pool, with no auth, validation, tenancy or hop.
 */
export const userWithRoles = `
  SELECT u.id, u.email, u.display_name, u.status, u.created_at, u.last_login_at,
         coalesce(array_agg(r.role_name ORDER BY r.role_name) FILTER (WHERE r.role_name IS NOT NULL), '{}') AS roles
    FROM app_user u LEFT JOIN user_role r ON r.user_id = u.id
   WHERE u.id = $1
   GROUP BY u.id`;

export async function startBareEndpoint(databaseUrl: string, schema: string, userId: string, poolSize: number): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'bench-bare', idleTimeoutMillis: 0, options: `-c search_path=${schema}` });
  const app: FastifyInstance = Fastify();
  app.get('/me', async () => {
    const { rows } = await pool.query(userWithRoles, [userId]);
    return { user: rows[0] };
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: `${url}/me`,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}
