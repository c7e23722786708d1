-- The CRM record of every raw item the normalizer decided on. One row per item, whatever the
-- kind: an archived fax or an ignored auto-reply is recorded too, so nothing is silently dropped.
CREATE TABLE applications (
  -- Insertion order; list() reads rows back in the order they were recorded.
  id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- Derived from the source, so a redelivery of the same item hits this constraint.
  item_id                 text NOT NULL CONSTRAINT applications_item_id_key UNIQUE,
  -- YYYY-NNNNNN from application_sequences; only crm and needs-info records get one.
  application_number      text CONSTRAINT applications_application_number_key UNIQUE,
  kind                    text NOT NULL
    CONSTRAINT applications_kind_check CHECK (kind IN ('crm', 'needs-info', 'archive-only', 'ignored')),
  channel                 text NOT NULL,
  received_at             timestamptz NOT NULL,
  recorded_at             timestamptz NOT NULL,
  -- Gas smell or leak: belongs on 187, reports must be able to find these at once.
  emergency               boolean NOT NULL,
  topic_main              text,
  topic_sub               text,
  unit                    text,
  resolution_hours        integer,
  deadline                timestamptz,
  -- Customer fields: personal data (KVKK). Never copy them into logs or error messages.
  full_name               text,
  national_id             text,
  contract_account_number text,
  phone                   text,
  email                   text,
  district                text,
  address                 text,
  is_subscriber           boolean,
  description             text,
  proposed_solution       text,
  entered_by              text,
  reasons                 text[] NOT NULL,
  missing                 text[] NOT NULL,
  -- The decision exactly as the normalizer produced it; the columns above are for querying.
  decision                jsonb NOT NULL,
  CONSTRAINT applications_number_iff_numbered
    CHECK ((application_number IS NOT NULL) = (kind IN ('crm', 'needs-info')))
);

-- Reports are read by period, region (district), unit and topic; dashboards split by channel and kind.
CREATE INDEX applications_received_at_idx ON applications (received_at);
CREATE INDEX applications_unit_idx ON applications (unit, received_at);
CREATE INDEX applications_topic_idx ON applications (topic_main, topic_sub);
CREATE INDEX applications_district_idx ON applications (district);
CREATE INDEX applications_channel_idx ON applications (channel);
CREATE INDEX applications_kind_idx ON applications (kind);

-- One counter per Istanbul calendar year. A row (not a SEQUENCE) because the increment must roll
-- back with the insert it numbered: application numbers are shown to customers, so no gaps.
CREATE TABLE application_sequences (
  year integer PRIMARY KEY,
  last integer NOT NULL CHECK (last > 0)
);
