-- Receivables: customers, invoices with their lines, payments and their allocation, credit notes.

CREATE TABLE customer (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text,
  currency char(3) NOT NULL,
  payment_terms_days integer NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE invoice (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  customer_id uuid NOT NULL REFERENCES customer (id),
  currency char(3) NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'voided')),
  issue_date date,
  due_date date,
  subtotal bigint NOT NULL CHECK (subtotal >= 0),
  tax bigint NOT NULL CHECK (tax >= 0),
  total bigint NOT NULL CHECK (total = subtotal + tax),
  -- Payments and credit notes applied so far.
  settled bigint NOT NULL DEFAULT 0 CHECK (settled BETWEEN 0 AND total),
  rate numeric CHECK (rate > 0),
  issue_entry_id uuid REFERENCES journal_entry (id),
  void_entry_id uuid REFERENCES journal_entry (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'draft' OR (issue_date IS NOT NULL AND due_date IS NOT NULL AND issue_entry_id IS NOT NULL))
);
CREATE INDEX invoice_customer_idx ON invoice (customer_id);
CREATE INDEX invoice_open_idx ON invoice (due_date) WHERE status IN ('issued', 'partially_paid');

CREATE TABLE invoice_line (
  invoice_id uuid NOT NULL REFERENCES invoice (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  description text NOT NULL,
  quantity_milli bigint NOT NULL CHECK (quantity_milli > 0),
  unit_price bigint NOT NULL CHECK (unit_price >= 0),
  tax_rate_bp integer NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
  amount bigint NOT NULL,
  tax bigint NOT NULL,
  revenue_account text NOT NULL REFERENCES account (code),
  PRIMARY KEY (invoice_id, line_no)
);

CREATE TABLE payment (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  customer_id uuid NOT NULL REFERENCES customer (id),
  payment_date date NOT NULL,
  currency char(3) NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  unallocated bigint NOT NULL CHECK (unallocated BETWEEN 0 AND amount),
  bank_account text NOT NULL REFERENCES account (code),
  journal_entry_id uuid NOT NULL REFERENCES journal_entry (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment_allocation (
  payment_id uuid NOT NULL REFERENCES payment (id),
  invoice_id uuid NOT NULL REFERENCES invoice (id),
  amount bigint NOT NULL CHECK (amount > 0),
  PRIMARY KEY (payment_id, invoice_id)
);

CREATE TABLE credit_note (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  invoice_id uuid NOT NULL REFERENCES invoice (id),
  credit_date date NOT NULL,
  reason text NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  tax bigint NOT NULL CHECK (tax >= 0 AND tax <= amount),
  journal_entry_id uuid NOT NULL REFERENCES journal_entry (id),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
