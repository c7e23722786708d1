-- The subscriber registry (abone veritabanı): with a contract account number the customer's data
-- is pulled from here, and the national ID and phone are checked against it (DOMAIN.md rule 3).
-- Personal data (KVKK) throughout.
CREATE TABLE subscribers (
  contract_account_number text PRIMARY KEY,
  national_id             text NOT NULL,
  full_name               text NOT NULL,
  phone                   text,
  email                   text,
  address                 text,
  district                text,
  updated_at              timestamptz NOT NULL
);
CREATE INDEX subscribers_national_id_idx ON subscribers (national_id);

-- A repeat of the same complaint by the same person within the window is linked to the first
-- record instead of becoming a second application: it keeps its row (nothing is dropped) but
-- takes no application number.
ALTER TABLE applications ADD COLUMN linked_to_item_id text REFERENCES applications (item_id);
-- Who contacted us when it was not the registered subscriber (rule 3): their own name.
ALTER TABLE applications ADD COLUMN contact_person text;
-- When the responsible unit resolved it; an open record past its deadline is an SLA breach.
ALTER TABLE applications ADD COLUMN resolved_at timestamptz;

ALTER TABLE applications DROP CONSTRAINT applications_number_iff_numbered;
ALTER TABLE applications ADD CONSTRAINT applications_number_iff_numbered
  CHECK ((application_number IS NOT NULL) = (kind IN ('crm', 'needs-info') AND linked_to_item_id IS NULL));

-- Duplicate linking looks for the same person's recent applications.
CREATE INDEX applications_person_national_id_idx ON applications (national_id, received_at) WHERE national_id IS NOT NULL;
CREATE INDEX applications_person_phone_idx ON applications (phone, received_at) WHERE phone IS NOT NULL;
CREATE INDEX applications_person_email_idx ON applications (email, received_at) WHERE email IS NOT NULL;
CREATE INDEX applications_deadline_open_idx ON applications (deadline) WHERE resolved_at IS NULL;
