/**
 * The acknowledgements table (migration 004): a claim before sending, so that a customer is told at
 * most once per application, across redeliveries, restarts and several daemons.
 */
import type { AcknowledgementClaim, AcknowledgementResult } from '../acknowledge/store-port.js';
import type { Queryable } from './db.js';

/**
 * Inserts the claim unless a row for the item or its number exists: one statement, so that of
 * several concurrent callers exactly one gets the row back.
 * @returns true when this call claimed it
 */
export async function claimAcknowledgement(db: Queryable, claim: AcknowledgementClaim, now: Date): Promise<boolean> {
  const rows = await db.query<{ item_id: string }>(
    `INSERT INTO acknowledgements (item_id, channel, application_number, state, attempts, claimed_at)
     VALUES ($1, $2, $3, 'claimed', 0, $4)
     ON CONFLICT DO NOTHING
     RETURNING item_id`,
    [claim.itemId, claim.channel, claim.applicationNumber, now],
  );
  return rows.length === 1;
}

/** Records the end of a claim; a row already finished is left as it is. */
export async function finishAcknowledgement(db: Queryable, claim: AcknowledgementClaim, result: AcknowledgementResult, now: Date): Promise<void> {
  await db.query(
    `UPDATE acknowledgements SET state = $3, attempts = $4, error_code = $5, finished_at = $6
     WHERE item_id = $1 AND channel = $2 AND state = 'claimed'`,
    [claim.itemId, claim.channel, result.state, result.attempts, result.state === 'failed' ? result.errorCode : null, now],
  );
}
