import { databaseTag, defineMigration, type Migration } from '@ido/platform-tenancy';

/** The one schema of the audit database that holds every tenant's log (ADR 0011). */
export const AUDIT_SCHEMA = 'audit';

/** Where archived months' partitions go once detached: owned by the owner role, no grant to anyone. */
export const ARCHIVE_SCHEMA = 'audit_archive';

/** The NOLOGIN role the consumer writes as: it may append, never change (a server-wide name, tagged like tenant roles). */
export function writerRole(databaseName: string): string {
  return `w_${databaseTag(databaseName)}`;
}

/**
 * The shared schema's migrations, applied by the tenancy migrator as the owner
 * role. Role names carry the database's tag, so the SQL is made per database.
 * - audit_events: partitioned by month on occurred_at; partitions are created by
 *   the service (store/partition-maintenance.ts). Row triggers are cloned onto every
 *   partition; the TRUNCATE trigger is added per partition where it is created.
 * - RLS: a tenant role sees its own rows only; the tenant is read from current_user
 *   (`t_<tenant>_<tag>`), which a tenant connection cannot change (ADR 0007), so no
 *   session setting can be forged. Any other role (a login after RESET ROLE) sees nothing.
 * - event_ids makes ingestion idempotent by event id across partitions; chain_heads
 *   holds each tenant's last seq and hash, locked while a batch extends the chain.
 * - archived_links keeps each archived record's place in its chain (archive/month-archive.ts),
 *   so that verify tells an archived seq from a deleted one; archived_months lists the
 *   exports. Both are written by the owner role only and are as append-only as the log.
 */
export function auditSchemaMigrations(databaseName: string): Migration[] {
  const tag = databaseTag(databaseName);
  const writer = writerRole(databaseName);
  return [
    defineMigration(
      '20261204000000_audit_events',
      `CREATE TABLE audit_events (
  tenant_id text NOT NULL,
  seq bigint NOT NULL,
  id uuid NOT NULL,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_kind text NOT NULL,
  actor_id text NOT NULL,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before jsonb,
  after jsonb,
  request_id text,
  trace_id text,
  source text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  PRIMARY KEY (tenant_id, seq, occurred_at)
) PARTITION BY RANGE (occurred_at);
CREATE INDEX audit_events_newest ON audit_events (tenant_id, occurred_at DESC, seq DESC);
CREATE INDEX audit_events_entity ON audit_events (tenant_id, entity_type, entity_id, occurred_at DESC);
CREATE INDEX audit_events_actor ON audit_events (tenant_id, actor_id, occurred_at DESC);

CREATE TABLE event_ids (id uuid PRIMARY KEY, received_at timestamptz NOT NULL DEFAULT clock_timestamp());
CREATE TABLE chain_heads (tenant_id text PRIMARY KEY, seq bigint NOT NULL, hash text NOT NULL);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

CREATE FUNCTION role_tenant() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT replace(substring(current_user::text from '^t_([a-z0-9_]+)_${tag}$'), '_', '-')
$$;

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_reads ON audit_events FOR SELECT USING (tenant_id = role_tenant());
CREATE POLICY writer_appends ON audit_events FOR INSERT TO ${writer} WITH CHECK (true);
ALTER TABLE chain_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE chain_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_reads ON chain_heads FOR SELECT USING (tenant_id = role_tenant());
CREATE POLICY writer_extends ON chain_heads TO ${writer} USING (true) WITH CHECK (true);

GRANT USAGE ON SCHEMA audit TO PUBLIC;
GRANT EXECUTE ON FUNCTION role_tenant() TO PUBLIC;
REVOKE ALL ON audit_events, event_ids, chain_heads FROM PUBLIC;
GRANT SELECT ON audit_events, chain_heads TO PUBLIC;
GRANT INSERT ON audit_events TO ${writer};
GRANT SELECT, INSERT ON event_ids TO ${writer};
GRANT SELECT, INSERT, UPDATE ON chain_heads TO ${writer};
REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM ${writer};
`,
    ),
    defineMigration(
      '20261204120000_audit_archive',
      `CREATE TABLE archived_links (
  tenant_id text NOT NULL,
  seq bigint NOT NULL,
  id uuid NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  month text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);
CREATE TABLE archived_months (
  month text NOT NULL,
  part integer NOT NULL,
  archived_table text NOT NULL,
  file text NOT NULL,
  sha256 text NOT NULL,
  records bigint NOT NULL,
  archived_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (month, part)
);
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON archived_links FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON archived_links FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON archived_months FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON archived_months FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();

ALTER TABLE archived_links ENABLE ROW LEVEL SECURITY;
ALTER TABLE archived_links FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_reads ON archived_links FOR SELECT USING (tenant_id = role_tenant());
-- The migrator runs as the owner role, which is what archives (CURRENT_USER here).
CREATE POLICY archiver_reads ON archived_links FOR SELECT TO CURRENT_USER USING (true);
CREATE POLICY archiver_records ON archived_links FOR INSERT TO CURRENT_USER WITH CHECK (true);
REVOKE ALL ON archived_links, archived_months FROM PUBLIC;
GRANT SELECT ON archived_links TO PUBLIC;
`,
    ),
  ];
}
