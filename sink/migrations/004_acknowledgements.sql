-- Customers are told their application was recorded (DOMAIN.md rule 5), at most once per
-- application and channel, whatever redeliveries, restarts and concurrent daemons do. A row is
-- claimed (INSERT ... ON CONFLICT DO NOTHING) before anything is sent: whoever inserts it sends,
-- everyone else sees it and does not. A crash after the claim and before the send leaves the row
-- `claimed` and nothing sent; we chose that over the risk of telling a customer twice.
CREATE TABLE acknowledgements (
  item_id            text NOT NULL REFERENCES applications (item_id),
  -- 'email' today; SMS will join it.
  channel            text NOT NULL,
  application_number text NOT NULL,
  state              text NOT NULL CONSTRAINT acknowledgements_state_check CHECK (state IN ('claimed', 'sent', 'failed')),
  -- SMTP attempts made; 0 while claimed.
  attempts           integer NOT NULL CHECK (attempts >= 0),
  claimed_at         timestamptz NOT NULL,
  finished_at        timestamptz,
  -- An error code of runtime/errors.ts, never the server's text (it may quote the address).
  error_code         text,
  CONSTRAINT acknowledgements_pkey PRIMARY KEY (item_id, channel),
  -- The business rule itself: one acknowledgement per application number and channel.
  CONSTRAINT acknowledgements_application_key UNIQUE (application_number, channel),
  CONSTRAINT acknowledgements_error_iff_failed CHECK ((error_code IS NOT NULL) = (state = 'failed'))
);
