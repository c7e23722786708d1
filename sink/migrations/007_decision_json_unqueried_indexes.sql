-- The normalizer's batch insert, measured (bench/README.md, issue 11): with its statements
-- prepared, PostgreSQL's CPU per row was 101 us; with the two changes below 68 us.

-- The decision is written once and read back whole (a redelivery's outcome, `intake archive
-- show`, re-examining); the only operator applied to it is `->` (the archive list's document),
-- which json has too. Nothing compares, groups or indexes it. jsonb parsed and re-encoded every
-- row on the way in: json instead cut the insert's server CPU by a fifth, and a record now reads
-- back with its keys in the order they were written. Ad-hoc SQL wanting jsonb's operators casts:
-- `decision::jsonb @> ...`. This rewrites the table once, under an exclusive lock.
ALTER TABLE applications ALTER COLUMN decision TYPE json;

-- No query filters or sorts on these columns: reports and the dashboard select by received_at
-- (applications_received_at_idx) and group by unit, topic, district, channel and kind over that
-- period; the archive has its own partial index. Each row paid to update five indexes nobody
-- read: 10% of the insert's server CPU.
DROP INDEX applications_unit_idx;
DROP INDEX applications_topic_idx;
DROP INDEX applications_district_idx;
DROP INDEX applications_channel_idx;
DROP INDEX applications_kind_idx;
