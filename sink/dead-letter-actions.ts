/**
 * The dead-letter actions table (migration 006): which dead letters an operator replayed or
 * dropped, by whom, when and why, so that `intake dlq replay --all` never sends one twice and
 * `intake dlq list` shows which are handled.
 */
import type { Db, Queryable } from './db.js';

/** A dead letter's place in Kafka. */
export interface DeadLetterRef {
  topic: string;
  partition: number;
  /** Kafka's int64 offset, as a decimal string. */
  offset: string;
}

export type DeadLetterActionKind = 'replayed' | 'dropped';

/** What was done with one dead letter. */
export interface DeadLetterAction extends DeadLetterRef {
  action: DeadLetterActionKind;
  /** Who: a member of staff (`--by`) or the operating-system user. */
  by: string;
  /** ISO 8601, UTC. */
  at: string;
  /** Why; required to drop. */
  reason: string | null;
  /** The topic a replay sent the bytes back to; null for a drop. */
  replayedTo: string | null;
}

/** The actions taken on dead letters. */
export interface DeadLetterActions {
  /** Every action on the dead letters of `topic`, keyed `partition:offset`. */
  onTopic(topic: string): Promise<Map<string, DeadLetterAction>>;
  /**
   * Records actions in one statement. A dead letter that already has one keeps it: the first
   * action is the one recorded, whoever else acts on it at the same time.
   * @returns the actions this call recorded (those not recorded before)
   * @throws IntakeError INTAKE_DB_UNAVAILABLE (retriable); INTAKE_DB_REJECTED for a drop without a reason
   */
  record(actions: readonly DeadLetterAction[]): Promise<DeadLetterAction[]>;
  /** Releases the connection. Idempotent. */
  close(): Promise<void>;
}

/** `partition:offset`, how operators name a dead letter. */
export const positionKey = (ref: Pick<DeadLetterRef, 'partition' | 'offset'>): string => `${ref.partition}:${ref.offset}`;

interface Row { topic: string; partition: number; offset: string; action: DeadLetterActionKind; by_name: string; at: Date | string; reason: string | null; replayed_to: string | null }

const COLUMNS = 'topic, "partition", "offset"::text AS "offset", action, by_name, at, reason, replayed_to';

function fromRow(row: Row): DeadLetterAction {
  return {
    topic: row.topic, partition: row.partition, offset: row.offset, action: row.action, by: row.by_name,
    at: new Date(row.at).toISOString(), reason: row.reason, replayedTo: row.replayed_to,
  };
}

async function onTopic(db: Queryable, topic: string): Promise<Map<string, DeadLetterAction>> {
  const rows = await db.query<Row>(`SELECT ${COLUMNS} FROM dead_letter_actions WHERE topic = $1 ORDER BY "partition", "offset"`, [topic]);
  return new Map(rows.map((row) => [positionKey(row), fromRow(row)]));
}

async function record(db: Queryable, actions: readonly DeadLetterAction[]): Promise<DeadLetterAction[]> {
  if (actions.length === 0) return [];
  const column = <T>(pick: (a: DeadLetterAction) => T): T[] => actions.map(pick);
  const rows = await db.query<Row>(
    `INSERT INTO dead_letter_actions (topic, "partition", "offset", action, by_name, at, reason, replayed_to)
     SELECT * FROM unnest($1::text[], $2::integer[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[])
     ON CONFLICT DO NOTHING
     RETURNING ${COLUMNS}`,
    [column((a) => a.topic), column((a) => a.partition), column((a) => a.offset), column((a) => a.action), column((a) => a.by), column((a) => a.at), column((a) => a.reason), column((a) => a.replayedTo)],
  );
  return rows.map(fromRow);
}

/** The actions over a connected, migrated database; closing them closes it. */
export function deadLetterActions(db: Db): DeadLetterActions {
  return {
    onTopic: (topic) => onTopic(db, topic),
    record: (actions) => record(db, actions),
    close: () => db.close(),
  };
}
