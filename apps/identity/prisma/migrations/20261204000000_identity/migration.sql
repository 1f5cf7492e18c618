-- Identity of one tenant: its users, roles, service accounts, sessions and login throttling.

CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email text NOT NULL,
  -- Lower-cased, trimmed: uniqueness is case-insensitive.
  email_normalized text NOT NULL UNIQUE,
  display_name text NOT NULL,
  status text NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
  password_hash text,
  invitation_hash text UNIQUE,
  invitation_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz,
  CHECK (status = 'invited' OR password_hash IS NOT NULL)
);

CREATE TABLE role (
  name text PRIMARY KEY,
  description text NOT NULL DEFAULT '',
  built_in boolean NOT NULL DEFAULT false,
  permissions text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_role (
  user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  role_name text NOT NULL REFERENCES role (name),
  PRIMARY KEY (user_id, role_name)
);

CREATE TABLE service_account (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  client_id text NOT NULL UNIQUE,
  secret_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE service_account_role (
  service_account_id uuid NOT NULL REFERENCES service_account (id) ON DELETE CASCADE,
  role_name text NOT NULL REFERENCES role (name),
  PRIMARY KEY (service_account_id, role_name)
);

-- A session is one refresh-token family (or one client-credentials grant).
CREATE TABLE session (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  subject_id uuid NOT NULL,
  subject_kind text NOT NULL CHECK (subject_kind IN ('user', 'service')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  revoke_reason text
);
CREATE INDEX session_subject_idx ON session (subject_id);
CREATE INDEX session_revoked_idx ON session (revoked_at) WHERE revoked_at IS NOT NULL;

-- Refresh tokens are stored as SHA-256 digests (they are 256-bit random, so no slow hash is needed).
CREATE TABLE refresh_token (
  token_hash text PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES session (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);
CREATE INDEX refresh_token_session_idx ON refresh_token (session_id);

-- Failed logins per account (any email, known or not) and per source address.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_failure_at timestamptz NOT NULL DEFAULT now()
);

-- The platform tenant's schema is the registry of tenants and signing keys (ADR 0009);
-- no other tenant's schema has these tables.
DO $$ BEGIN
  IF current_schema() = 't_platform' THEN
    CREATE TABLE tenant (
      id text PRIMARY KEY,
      name text NOT NULL,
      status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
      modules text[] NOT NULL DEFAULT '{}',
      flags jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now(),
      suspended_at timestamptz
    );
    -- Private keys are AES-256-GCM ciphertext under IDENTITY_KEY_ENCRYPTION_KEY.
    CREATE TABLE signing_key (
      kid text PRIMARY KEY,
      public_jwk jsonb NOT NULL,
      private_key_enc text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      superseded_at timestamptz,
      retire_at timestamptz
    );
    -- Sessions of any tenant revoked before their access tokens expire: what verifiers must refuse.
    CREATE TABLE session_revocation (
      session_id uuid PRIMARY KEY,
      tenant text NOT NULL,
      until timestamptz NOT NULL
    );
    CREATE INDEX session_revocation_until_idx ON session_revocation (until);
  END IF;
END $$;
