-- The archive of faxes and letters (DOMAIN.md rule 2): an incomplete one is only archived, and the
-- archive is searched by date, channel and the mail room's registry number. A person may supply
-- the missing data later; the row then becomes a record and keeps its earlier decisions.

-- The petition's number in the mail room's document-tracking system (decision.document.registryNumber);
-- a column so that `intake archive list --registry-number` is an index look-up, not a jsonb scan.
ALTER TABLE applications ADD COLUMN registry_number text;
UPDATE applications SET registry_number = decision -> 'document' ->> 'registryNumber'
  WHERE decision -> 'document' ->> 'registryNumber' IS NOT NULL;

-- Earlier decisions of the row, oldest first, each with when and by whom it was re-examined:
-- [{ "decision": {...}, "recordedAt": "...", "reExaminedAt": "...", "reExaminedBy": "..." }].
-- A constant default adds the column without rewriting the table.
ALTER TABLE applications ADD COLUMN history jsonb NOT NULL DEFAULT '[]'
  CONSTRAINT applications_history_is_array CHECK (jsonb_typeof(history) = 'array');

-- The archive list: archived items received in a period, oldest first (id breaks ties).
CREATE INDEX applications_archive_idx ON applications (received_at, id) WHERE kind = 'archive-only';
-- A petition asked for by its registry number; most items (every non-paper channel) have none.
CREATE INDEX applications_registry_number_idx ON applications (registry_number) WHERE registry_number IS NOT NULL;
