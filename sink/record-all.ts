/**
 * Records a batch of decisions in one transaction: one look-up of items already there, one number
 * allocation per year, multi-row inserts. Each item is recorded once: one already in the database
 * (a redelivery) or met twice in the batch reads back its first write. A batch of one takes the
 * one-statement path of record-decision.
 */
import type { Decision } from '../schemas/types.generated.js';
import type { Recorded } from '../normalizer/store-port.js';
import { storableJsonOnce } from '../runtime/storable-text.js';
import { istanbulYear, isNumbered } from './application-number.js';
import { allocateNumbers } from './allocate-numbers.js';
import { findApplication, findRecording, insertApplications, ITEM_ID_CONSTRAINT } from './applications-table.js';
import type { Db, Queryable } from './db.js';
import { isUniqueViolation } from './db-errors.js';
import { recordDecision } from './record-decision.js';
import { applyRegistryUpdates } from './subscribers.js';

// A concurrent writer of the same item makes the transaction fail on the unique item id; the
// next attempt finds its row and reads it back.
const ATTEMPTS = 3;

interface FirstWrite { decision: Decision; application_number: string | null; recorded_at: Date; item_id: string }

async function firstWrites(tx: Queryable, itemIds: readonly string[]): Promise<Map<string, Recorded>> {
  const rows = await tx.query<FirstWrite>('SELECT item_id, application_number, recorded_at, decision FROM applications WHERE item_id = ANY($1::text[])', [itemIds], { prepare: true });
  return new Map(rows.map((r) => [r.item_id, { decision: r.decision, applicationNumber: r.application_number, recordedAt: r.recorded_at.toISOString(), firstWrite: false }]));
}

async function recordIn(tx: Queryable, decisions: readonly Decision[], now: Date): Promise<Recorded[]> {
  const existing = await firstWrites(tx, [...new Set(decisions.map((d) => d.itemId))]);
  // Where each item not yet recorded first occurs in the batch: that occurrence is written.
  const firstAt = new Map<string, number>();
  decisions.forEach((d, i) => {
    if (!existing.has(d.itemId) && !firstAt.has(d.itemId)) firstAt.set(d.itemId, i);
  });
  const fresh = new Map([...firstAt].map(([itemId, i]) => [itemId, decisions[i] as Decision]));

  // A linked repeat keeps its row but not a number of its own: the customer has one.
  const byYear = new Map<number, Decision[]>();
  for (const d of fresh.values()) {
    if (!isNumbered(d.kind) || d.linkedTo !== null) continue;
    const year = istanbulYear(d.receivedAt);
    byYear.set(year, [...(byYear.get(year) ?? []), d]);
  }
  const numbers = new Map<string, string>();
  for (const [year, numbered] of byYear) {
    const allocated = await allocateNumbers(tx, year, numbered.length);
    numbered.forEach((d, i) => numbers.set(d.itemId, allocated[i] as string));
  }
  // A repeat of a first record of this batch takes that record's number, known only now.
  const numberOf = (itemId: string): string | null => numbers.get(itemId) ?? existing.get(itemId)?.applicationNumber ?? null;
  for (const [itemId, d] of fresh) if (d.linkedTo !== null && d.linkedTo.applicationNumber === null) fresh.set(itemId, withLinkNumber(d, numberOf(d.linkedTo.itemId)));
  const rows = [...fresh.values()].map((decision) => ({ decision, applicationNumber: numbers.get(decision.itemId) ?? null }));
  await insertApplications(tx, rows, now);
  for (const d of fresh.values()) await applyRegistryUpdates(tx, d, now);

  const recordedAt = now.toISOString();
  return decisions.map((d, i) => {
    const first = existing.get(d.itemId);
    if (first !== undefined) return first;
    return { decision: fresh.get(d.itemId) as Decision, applicationNumber: numbers.get(d.itemId) ?? null, recordedAt, firstWrite: firstAt.get(d.itemId) === i };
  });
}

function withLinkNumber(d: Decision, applicationNumber: string | null): Decision {
  return d.linkedTo === null ? d : { ...d, linkedTo: { itemId: d.linkedTo.itemId, applicationNumber } };
}

/** A batch of one, at low traffic: the one-statement insert, so it is no slower than before batching. */
async function recordOne(db: Db, given: Decision, now: Date): Promise<Recorded> {
  // A repeat recorded alone after its first record (a batch the database refused, taken apart).
  const target = given.linkedTo;
  const decision = target !== null && target.applicationNumber === null ? withLinkNumber(given, (await findRecording(db, target.itemId))?.applicationNumber ?? null) : given;
  const result = await recordDecision(db, decision, now);
  if (result.firstWrite) return { decision: storableJsonOnce(decision), ...result };
  const first = await findApplication(db, decision.itemId);
  return { decision: first?.decision ?? decision, ...result };
}

/** @throws IntakeError INTAKE_DB_UNAVAILABLE (retriable); DbError when the database refuses a row */
export async function recordAll(db: Db, given: readonly Decision[], now: Date): Promise<Recorded[]> {
  const [only] = given;
  if (given.length === 1 && only !== undefined) return [await recordOne(db, only, now)];
  // Connectors repair text at capture; this is the last guard, so no decision is refused for its content.
  const decisions = given.map((d) => storableJsonOnce(d));
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction((tx) => recordIn(tx, decisions, now));
    } catch (error) {
      if (attempt >= ATTEMPTS || !isUniqueViolation(error, ITEM_ID_CONSTRAINT)) throw error;
    }
  }
}
