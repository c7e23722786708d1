import type { Decision } from '../schemas/types.generated.js';
import { storableJsonOnce } from '../runtime/storable-text.js';
import { istanbulYear, isNumbered } from './application-number.js';
import { findRecording, insertApplication, ITEM_ID_CONSTRAINT } from './applications-table.js';
import type { Db } from './db.js';
import { applyRegistryUpdates } from './subscribers.js';
import { isUniqueViolation } from './db-errors.js';
import type { RecordResult } from './types.js';

/**
 * Records one decision exactly once per itemId. The common case is one statement (number and
 * row together); a redelivery runs into the unique item id, writes nothing, and reads the first
 * write. Registry updates, when the decision carries any, join the insert in a transaction.
 */
export async function recordDecision(db: Db, given: Decision, now: Date): Promise<RecordResult> {
  // Connectors repair text at capture; this is the last guard, so that no decision is ever refused
  // for its content (a lone surrogate or NUL from a connector that missed one).
  const decision = storableJsonOnce(given);
  // A linked repeat of a complaint keeps its row but not a number of its own: the customer has one.
  const year = isNumbered(decision.kind) && decision.linkedTo === null ? istanbulYear(decision.receivedAt) : null;
  const { phone, email } = decision.registry.updates;
  try {
    const applicationNumber = phone === undefined && email === undefined
      ? await insertApplication(db, decision, year, now)
      : await db.transaction(async (tx) => {
        const number = await insertApplication(tx, decision, year, now);
        await applyRegistryUpdates(tx, decision, now);
        return number;
      });
    return { applicationNumber, recordedAt: now.toISOString(), firstWrite: true };
  } catch (error) {
    if (!isUniqueViolation(error, ITEM_ID_CONSTRAINT)) throw error;
    // Another write of the same item is committed (an earlier delivery, or a racing writer): ours
    // was rolled back whole, its number included, and the first one is visible now.
    const winner = await findRecording(db, decision.itemId);
    if (winner === null) throw error;
    return { ...winner, firstWrite: false };
  }
}
