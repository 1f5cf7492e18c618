import { createHmac } from 'node:crypto';
import type { HealthCheck } from '@ido/platform-observability';
import { Client, Pool, type PoolClient } from 'pg';
import type { Migration } from './migrations';
import { migrateSchema, migrationStatements, migrationsTable, migrationsTableColumns, schemaLockStatement, type SchemaMigrationResult } from './migrator';
import { scramSecret } from './scram-secret';
import { inTransaction, runTransactionScript } from './transaction-script';
import { ownerRole, quoteIdent, type TenantIdentifiers, tenantIdentifiers, tenantIdOfSchema } from './tenant-id';

export interface MaintenanceSettings {
  /** URL of the service database, as a role that may create roles and schemas. */
  url: string;
  databaseName: string;
  migrations: Migration[];
  /** Derives each tenant login role's password; never stored. */
  roleSecret: string;
  /** Tenants migrated at once by migrateAllTenants. */
  parallelism?: number;
}

export interface MigrationReport {
  migrated: SchemaMigrationResult[];
  failed: Array<{ tenantId: string; error: string; applied: string[] }>;
}

/** The password of a tenant's login role: stable, derivable, never stored. */
export function tenantRolePassword(secret: string, login: string): string {
  return createHmac('sha256', secret).update(login).digest('base64url');
}

/**
 * The only cross-tenant connection: provisioning, migration, cross-tenant
 * reports. The request path never holds one (ARCHITECTURE §3) — a review that
 * finds `MaintenanceDatabase` in a handler has found a bug.
 */
export class MaintenanceDatabase {
  private readonly pool: Pool;
  private prepared?: Promise<void>;
  readonly owner: string;

  constructor(private readonly settings: MaintenanceSettings) {
    this.pool = new Pool({ connectionString: settings.url, max: Math.max(2, settings.parallelism ?? 4), allowExitOnIdle: true });
    this.pool.on('error', () => undefined);
    this.owner = ownerRole(settings.databaseName);
  }

  identifiers(tenantId: string): TenantIdentifiers {
    return tenantIdentifiers(this.settings.databaseName, tenantId);
  }

  /**
   * Creates the tenant's schema, roles and grants, then applies every migration.
   * Idempotent, and safe from concurrent replicas (advisory lock per schema).
   */
  async provisionTenant(tenantId: string): Promise<SchemaMigrationResult> {
    const ids = this.identifiers(tenantId);
    return this.withClient(async (client) => {
      await this.prepareDatabase(client);
      // A new tenant is created with all its migrations in one transaction: all or nothing.
      // For a tenant that exists (or a lost race with another replica) the script fails on its
      // first existing role and rolls back; the incremental path below then does what is left.
      const migrations = this.settings.migrations.map((m) => migrationStatements(ids.schema, this.owner, m));
      const created = await runTransactionScript(client, [this.tenantObjectsSql(ids, 'new'), ...migrations, 'RESET ROLE;', this.connectGrantSql(ids)]).then(
        () => true,
        () => false,
      );
      if (created) return { schema: ids.schema, applied: this.settings.migrations.map((m) => m.name) };
      await runTransactionScript(client, [this.tenantObjectsSql(ids, 'if-missing'), this.connectGrantSql(ids)]);
      return migrateSchema(client, ids.schema, this.owner, this.settings.migrations);
    });
  }

  async listTenants(): Promise<string[]> {
    const result = await this.pool.query<{ schema: string }>(
      `SELECT n.nspname AS schema FROM pg_namespace n
         JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = $1
        WHERE n.nspname LIKE 't\\_%' ORDER BY n.nspname`,
      [migrationsTable],
    );
    return result.rows.map((row) => tenantIdOfSchema(row.schema)).filter((id): id is string => id !== undefined);
  }

  /** Applies pending migrations to every tenant, a few at a time; one failure does not stop the rest. */
  async migrateAllTenants(): Promise<MigrationReport> {
    const tenants = await this.listTenants();
    const report: MigrationReport = { migrated: [], failed: [] };
    let next = 0;
    const worker = async () => {
      while (next < tenants.length) {
        const tenantId = tenants[next++] as string;
        try {
          report.migrated.push(await this.migrateTenant(tenantId));
        } catch (error) {
          const applied = (error as { applied?: string[] }).applied ?? [];
          report.failed.push({ tenantId, error: (error as Error).message, applied });
        }
      }
    };
    await Promise.all(Array.from({ length: this.settings.parallelism ?? 4 }, worker));
    return report;
  }

  migrateTenant(tenantId: string): Promise<SchemaMigrationResult> {
    const ids = this.identifiers(tenantId);
    return this.withClient((client) => migrateSchema(client, ids.schema, this.owner, this.settings.migrations));
  }

  async countTenants(): Promise<number> {
    return (await this.listTenants()).length;
  }

  /** Readiness: the service database answers. */
  healthCheck(): HealthCheck {
    return { name: 'database', probe: async () => void (await this.pool.query('SELECT 1')) };
  }

  /** Cross-tenant reads for maintenance jobs only. */
  query<R extends object>(sql: string, values: unknown[] = []) {
    return this.pool.query<R>(sql, values);
  }

  /**
   * Creates (if missing) and migrates a schema that belongs to no tenant but to the
   * service — e.g. one table shared by all tenants behind RLS — with the same ledger,
   * checksums, lock and owner role as tenant schemas. Tenants get no grant on it
   * unless its migrations give one.
   */
  async migrateSharedSchema(schema: string, migrations: Migration[]): Promise<SchemaMigrationResult> {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(schema) || schema.startsWith('t_')) throw new Error(`refusing shared schema name ${JSON.stringify(schema)}`);
    return this.withClient(async (client) => {
      await this.prepareDatabase(client);
      const [quoted, owner] = [quoteIdent(schema), quoteIdent(this.owner)];
      await runTransactionScript(client, [
        schemaLockStatement(schema),
        `CREATE SCHEMA IF NOT EXISTS ${quoted} AUTHORIZATION ${owner};
         CREATE TABLE IF NOT EXISTS ${quoted}.${migrationsTable} (${migrationsTableColumns});
         ALTER TABLE ${quoted}.${migrationsTable} OWNER TO ${owner};`,
      ]);
      return migrateSchema(client, schema, this.owner, migrations);
    });
  }

  /** One cross-tenant transaction (e.g. claiming rows with FOR UPDATE SKIP LOCKED); rolled back if `work` throws. */
  async transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    return this.withClient((client) => inTransaction(client, work));
  }

  /**
   * Calls `onNotify` with each payload NOTIFYed on `channel` in this database, on a
   * dedicated connection that reconnects after a loss (wake-ups of maintenance jobs,
   * which must also sweep now and then: a notification sent while disconnected is gone).
   * Resolves once listening; the returned function stops it.
   */
  async listen(channel: string, onNotify: (payload: string) => void, reconnectMs = 1_000): Promise<() => Promise<void>> {
    let client: Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new Client({ connectionString: this.settings.url });
      const reconnect = () => {
        if (stopped || client !== next) return;
        client = undefined;
        void next.end().catch(() => undefined);
        retry = setTimeout(() => void connect().catch(() => undefined), reconnectMs).unref();
      };
      client = next;
      next.on('error', reconnect);
      next.on('end', reconnect);
      next.on('notification', (message) => onNotify(message.payload ?? ''));
      try {
        await next.connect();
        await next.query(`LISTEN ${quoteIdent(channel)}`);
      } catch (error) {
        reconnect();
        throw error;
      }
    };
    await connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => undefined);
    };
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private async withClient<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      return await work(client);
    } finally {
      client.release();
    }
  }

  /** Database-wide setup, once per instance; serialised across replicas by one lock. */
  private prepareDatabase(client: PoolClient): Promise<void> {
    const owner = quoteIdent(this.owner);
    const database = quoteIdent(this.settings.databaseName);
    this.prepared ??= runTransactionScript(client, [
      `SELECT pg_advisory_xact_lock(hashtext('ido.database-acl'));`,
      `DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${this.owner}') THEN CREATE ROLE ${owner} NOLOGIN; END IF;
      END $$;`,
      `GRANT ${owner} TO CURRENT_USER;`,
      // Only tenant logins (granted one by one) may connect; nobody may create in public.
      `REVOKE ALL ON DATABASE ${database} FROM PUBLIC;`,
      `REVOKE ALL ON SCHEMA public FROM PUBLIC;`,
    ]).catch((error: unknown) => {
      this.prepared = undefined;
      throw error;
    });
    return this.prepared;
  }

  /**
   * Schema, roles, ledger and grants of one tenant; runs as the maintenance login.
   * 'new' fails if a role exists; 'if-missing' is idempotent, its roles created in a
   * DO block — which costs more than the two plain statements, hence two modes.
   */
  private tenantObjectsSql(ids: TenantIdentifiers, roles: 'new' | 'if-missing'): string {
    const [schema, role, login, owner] = [ids.schema, ids.role, ids.login, this.owner].map(quoteIdent);
    // Base64 and '$:' only: safe inside the quotes and the $$ block.
    const secret = scramSecret(tenantRolePassword(this.settings.roleSecret, ids.login));
    const createRole = `CREATE ROLE ${role} NOLOGIN;`;
    const createLogin = `CREATE ROLE ${login} LOGIN NOINHERIT PASSWORD '${secret}' IN ROLE ${role};`;
    return `
      ${schemaLockStatement(ids.schema)}
      ${roles === 'new' ? `${createRole} ${createLogin}` : `DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ids.role}') THEN ${createRole} END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${ids.login}') THEN ${createLogin} END IF;
      END $$;`}
      CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${owner};
      CREATE TABLE IF NOT EXISTS ${schema}.${migrationsTable} (${migrationsTableColumns});
      ALTER TABLE ${schema}.${migrationsTable} OWNER TO ${owner};
      GRANT USAGE ON SCHEMA ${schema} TO ${role};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${role};
      ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${role};`;
  }

  /**
   * The database's ACL is one catalog row, so concurrent grants on it must queue:
   * this goes last in its transaction to hold that lock as briefly as possible.
   */
  private connectGrantSql(ids: TenantIdentifiers): string {
    return `SELECT pg_advisory_xact_lock(hashtext('ido.database-acl'));
      GRANT CONNECT ON DATABASE ${quoteIdent(this.settings.databaseName)} TO ${quoteIdent(ids.login)};`;
  }
}

