-- The ledger of one tenant: chart of accounts, periods, journal entries and their lines.

-- One row: the tenant's base currency (reports and base amounts are in it).
CREATE TABLE ledger_setting (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  base_currency char(3) NOT NULL DEFAULT 'EUR'
);
INSERT INTO ledger_setting DEFAULT VALUES;

CREATE TABLE account (
  code text PRIMARY KEY CHECK (code ~ '^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  type text NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'income', 'expense')),
  -- When set, only lines in this currency may post to the account.
  currency char(3),
  parent_code text REFERENCES account (code),
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A private security firm's starting chart (src/accounts/system-accounts.ts names those the ledger posts to).
INSERT INTO account (code, name, type, parent_code) VALUES
  ('1000', 'Current assets', 'asset', NULL),
  ('1010', 'Cash on hand', 'asset', '1000'),
  ('1100', 'Bank', 'asset', '1000'),
  ('1200', 'Accounts receivable', 'asset', '1000'),
  ('1300', 'Prepaid licences and insurance', 'asset', '1000'),
  ('1500', 'Equipment (radios, body cameras, vehicles)', 'asset', NULL),
  ('2000', 'Current liabilities', 'liability', NULL),
  ('2100', 'Accounts payable', 'liability', '2000'),
  ('2200', 'VAT / GST payable', 'liability', '2000'),
  ('2300', 'Payroll liabilities', 'liability', '2000'),
  ('3000', 'Owner''s equity', 'equity', NULL),
  ('3200', 'Retained earnings', 'equity', '3000'),
  ('4000', 'Revenue from guarding services', 'income', NULL),
  ('4100', 'Revenue from mobile patrols', 'income', NULL),
  ('4200', 'Revenue from alarm response', 'income', NULL),
  ('5000', 'Guard payroll', 'expense', NULL),
  ('5100', 'Subcontracted guarding', 'expense', NULL),
  ('6000', 'Licences and training', 'expense', NULL),
  ('6100', 'Uniforms and equipment', 'expense', NULL),
  ('6200', 'Vehicle costs', 'expense', NULL),
  ('6300', 'Insurance', 'expense', NULL),
  ('7900', 'Exchange gains and losses', 'expense', NULL);

CREATE TABLE fiscal_period (
  period text PRIMARY KEY CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  closed_at timestamptz,
  closed_by text,
  reopened_at timestamptz,
  reopened_by text
);

CREATE TABLE journal_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  entry_date date NOT NULL,
  period text NOT NULL,
  memo text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('draft', 'posted')),
  -- Same key, same request → the same entry; never two.
  idempotency_key text UNIQUE,
  request_hash text,
  -- The entry this one reverses; an entry is reversed at most once.
  reverses uuid UNIQUE REFERENCES journal_entry (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  posted_by text,
  posted_at timestamptz,
  CHECK (period = to_char(entry_date, 'YYYY-MM')),
  CHECK ((status = 'posted') = (posted_at IS NOT NULL))
);
CREATE INDEX journal_entry_date_idx ON journal_entry (entry_date, number);

CREATE TABLE journal_line (
  entry_id uuid NOT NULL REFERENCES journal_entry (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  account_code text NOT NULL REFERENCES account (code),
  currency char(3) NOT NULL,
  debit bigint NOT NULL CHECK (debit >= 0),
  credit bigint NOT NULL CHECK (credit >= 0),
  rate numeric CHECK (rate > 0),
  base_debit bigint NOT NULL CHECK (base_debit >= 0),
  base_credit bigint NOT NULL CHECK (base_credit >= 0),
  memo text NOT NULL DEFAULT '',
  PRIMARY KEY (entry_id, line_no),
  -- One side positive; or, for an exchange difference, a base-currency amount alone.
  CHECK ((debit > 0) <> (credit > 0) OR (debit = 0 AND credit = 0 AND (base_debit > 0) <> (base_credit > 0)))
);
CREATE INDEX journal_line_account_idx ON journal_line (account_code);

-- Posted movements per account, currency and day: reports sum these, not the lines.
CREATE TABLE account_daily_balance (
  account_code text NOT NULL REFERENCES account (code),
  currency char(3) NOT NULL,
  day date NOT NULL,
  debit bigint NOT NULL,
  credit bigint NOT NULL,
  base_debit bigint NOT NULL,
  base_credit bigint NOT NULL,
  PRIMARY KEY (account_code, currency, day)
);

-- Posted entries are immutable, in the database as in the service: corrections are reversals.
CREATE FUNCTION journal_entry_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'posted' THEN
    RAISE EXCEPTION 'journal entry % is posted and cannot be changed; reverse it instead', OLD.number
      USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_entry_immutable BEFORE UPDATE OR DELETE ON journal_entry
  FOR EACH ROW EXECUTE FUNCTION journal_entry_guard();

CREATE FUNCTION journal_line_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entry uuid := COALESCE(NEW.entry_id, OLD.entry_id);
BEGIN
  IF EXISTS (SELECT 1 FROM journal_entry WHERE id = entry AND status = 'posted') THEN
    RAISE EXCEPTION 'lines of a posted journal entry cannot be changed' USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_line_immutable BEFORE INSERT OR UPDATE OR DELETE ON journal_line
  FOR EACH ROW EXECUTE FUNCTION journal_line_guard();

-- Posting: the period must be open and the lines balanced; then the daily balances move.
CREATE FUNCTION journal_entry_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM fiscal_period WHERE period = NEW.period AND closed_at IS NOT NULL) THEN
    RAISE EXCEPTION 'period % is closed', NEW.period USING ERRCODE = 'check_violation';
  END IF;
  IF (SELECT count(*) FROM journal_line WHERE entry_id = NEW.id) < 2
     OR EXISTS (SELECT 1 FROM journal_line WHERE entry_id = NEW.id GROUP BY currency HAVING sum(debit) <> sum(credit))
     OR (SELECT sum(base_debit) - sum(base_credit) FROM journal_line WHERE entry_id = NEW.id) <> 0 THEN
    RAISE EXCEPTION 'journal entry % is not balanced', NEW.number USING ERRCODE = 'check_violation';
  END IF;
  INSERT INTO account_daily_balance AS b (account_code, currency, day, debit, credit, base_debit, base_credit)
    SELECT account_code, currency, NEW.entry_date, sum(debit), sum(credit), sum(base_debit), sum(base_credit)
      FROM journal_line WHERE entry_id = NEW.id GROUP BY account_code, currency
  ON CONFLICT (account_code, currency, day) DO UPDATE SET
    debit = b.debit + EXCLUDED.debit, credit = b.credit + EXCLUDED.credit,
    base_debit = b.base_debit + EXCLUDED.base_debit, base_credit = b.base_credit + EXCLUDED.base_credit;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_entry_posting AFTER UPDATE OF status ON journal_entry
  FOR EACH ROW WHEN (NEW.status = 'posted') EXECUTE FUNCTION journal_entry_post();

-- Entries are born drafts: posting is the status change above, so its checks cannot be skipped.
CREATE FUNCTION journal_entry_born_draft() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> 'draft' THEN
    RAISE EXCEPTION 'a journal entry is created as a draft, then posted' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER journal_entry_insert BEFORE INSERT ON journal_entry
  FOR EACH ROW EXECUTE FUNCTION journal_entry_born_draft();
