-- What operators did with dead letters (`intake dlq replay` and `drop`), so that a replay is done
-- once: `dlq list` shows which are handled and `dlq replay --all` skips them. A dead letter is named
-- by its place in Kafka; the first action taken on it is the one kept (the CLI inserts with
-- ON CONFLICT DO NOTHING). A replay is recorded after Kafka acknowledged the resend: a crash in
-- between means it is sent again next time, which the item id makes harmless (it is recorded once).
CREATE TABLE dead_letter_actions (
  topic       text NOT NULL,
  "partition" integer NOT NULL CHECK ("partition" >= 0),
  "offset"    bigint NOT NULL CHECK ("offset" >= 0),
  action      text NOT NULL CONSTRAINT dead_letter_actions_action_check CHECK (action IN ('replayed', 'dropped')),
  -- Who did it (`--by`, else the operating-system user): staff, never a customer.
  by_name     text NOT NULL CHECK (by_name <> ''),
  at          timestamptz NOT NULL,
  -- Why: required to drop; the topic the bytes were sent back to is kept in replayed_to.
  reason      text,
  replayed_to text,
  CONSTRAINT dead_letter_actions_pkey PRIMARY KEY (topic, "partition", "offset"),
  CONSTRAINT dead_letter_actions_drop_has_reason CHECK (action <> 'dropped' OR reason IS NOT NULL),
  CONSTRAINT dead_letter_actions_replay_has_target CHECK ((action = 'replayed') = (replayed_to IS NOT NULL))
);
