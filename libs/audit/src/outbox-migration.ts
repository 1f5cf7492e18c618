import { defineMigration } from '@ido/platform-tenancy';

/** The outbox of one tenant schema; the relay finds it by this name in every `t_*` schema. */
export const OUTBOX_TABLE = 'ido_outbox';

/** Channel the relay LISTENs on (per database, as NOTIFY is); the payload is the tenant schema. */
export const OUTBOX_CHANNEL = 'ido_outbox';

/**
 * The outbox table in every tenant schema of every persisting service, applied by
 * the tenant migrator before the service's own migrations (ServiceDefinition.platformMigrations).
 * Tenants may only insert and read: the relay (maintenance) marks rows sent.
 * One NOTIFY per inserting statement wakes the relay; Postgres delivers it at commit,
 * once per transaction and schema, and never for a rollback.
 */
export const outboxMigration = defineMigration(
  '20261204000000_ido_outbox',
  `CREATE TABLE ${OUTBOX_TABLE} (
  id uuid PRIMARY KEY,
  subject text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  sent_at timestamptz
);
CREATE INDEX ${OUTBOX_TABLE}_pending ON ${OUTBOX_TABLE} (created_at, id) WHERE sent_at IS NULL;

CREATE FUNCTION ${OUTBOX_TABLE}_wake() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${OUTBOX_CHANNEL}', TG_TABLE_SCHEMA);
  RETURN NULL;
END $$;
CREATE TRIGGER ${OUTBOX_TABLE}_wake AFTER INSERT ON ${OUTBOX_TABLE} FOR EACH STATEMENT EXECUTE FUNCTION ${OUTBOX_TABLE}_wake();

DO $$
DECLARE grantee text;
BEGIN
  FOR grantee IN SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
    WHERE g.table_schema = current_schema() AND g.table_name = '${OUTBOX_TABLE}' AND g.grantee <> current_user LOOP
    EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ${OUTBOX_TABLE} FROM %I', grantee);
  END LOOP;
END $$;
`,
);
