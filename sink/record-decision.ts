import type { Decision } from '../schemas/types.generated.js';
import { allocateApplicationNumber, istanbulYear, isNumbered } from './application-number.js';
import { findRecording, insertApplication, ITEM_ID_CONSTRAINT } from './applications-table.js';
import type { Db } from './db.js';
import { applyRegistryUpdates } from './subscribers.js';
import { isUniqueViolation } from './db-errors.js';
import type { RecordResult } from './types.js';

/**
 * Records one decision exactly once per itemId. The read first spares a redelivery a sequence
 * lock; the unique constraint is what actually decides a race between two writers.
 */
export async function recordDecision(db: Db, decision: Decision, now: Date): Promise<RecordResult> {
  const earlier = await findRecording(db, decision.itemId);
  if (earlier !== null) return { ...earlier, firstWrite: false };

  // A linked repeat of a complaint keeps its row but not a number of its own: the customer has one.
  const year = isNumbered(decision.kind) && decision.linkedTo === null ? istanbulYear(decision.receivedAt) : null;
  try {
    return await db.transaction(async (tx) => {
      const applicationNumber = year === null ? null : await allocateApplicationNumber(tx, year);
      await insertApplication(tx, decision, applicationNumber, now);
      await applyRegistryUpdates(tx, decision, now);
      return { applicationNumber, recordedAt: now.toISOString(), firstWrite: true };
    });
  } catch (error) {
    if (!isUniqueViolation(error, ITEM_ID_CONSTRAINT)) throw error;
    // Another writer committed the same item between our read and our insert. The rollback
    // returned our number to the sequence; the winner's row is committed, so it is visible now.
    const winner = await findRecording(db, decision.itemId);
    if (winner === null) throw error;
    return { ...winner, firstWrite: false };
  }
}
