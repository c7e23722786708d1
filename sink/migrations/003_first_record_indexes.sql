-- Duplicate linking reads a person's first records (numbered ones: a linked repeat has no number)
-- in a window, oldest first, at most 50. These indexes match that query, so it stops after 50
-- entries instead of reading and sorting all of a person's rows (15.9 ms once one person had
-- 18,000). They replace the indexes of migration 002, which the query no longer uses.
CREATE INDEX applications_first_by_national_id_idx ON applications (national_id, received_at) WHERE application_number IS NOT NULL;
CREATE INDEX applications_first_by_phone_idx ON applications (phone, received_at) WHERE application_number IS NOT NULL;
CREATE INDEX applications_first_by_email_idx ON applications (email, received_at) WHERE application_number IS NOT NULL;
DROP INDEX applications_person_national_id_idx;
DROP INDEX applications_person_phone_idx;
DROP INDEX applications_person_email_idx;
