/**
 * What the normalizer needs from storage, declared here by the normalizer and implemented by the
 * sink, so the arrow points one way: sink → normalizer. Batch-shaped: one round trip per fetched
 * batch for each look-up and one transaction for the writes.
 */
import type { Decision, Subscriber } from '../schemas/types.generated.js';
import type { Person, RecentApplication } from './link-duplicate.js';

/** What was recorded for one decision: on a redelivery, the first write's decision and number. */
export interface Recorded {
  decision: Decision;
  applicationNumber: string | null;
  /** ISO 8601, UTC; the original time on a redelivery. */
  recordedAt: string;
  firstWrite: boolean;
}

export interface DecisionStore {
  /** Registry entries by contract account number; accounts not in the registry are absent. */
  findSubscribers(accounts: readonly string[]): Promise<ReadonlyMap<string, Subscriber>>;
  /** The records with these application numbers; numbers we never gave are absent. */
  applicationsByNumber(numbers: readonly string[]): Promise<ReadonlyMap<string, RecentApplication>>;
  /** Numbered, unlinked records of any of these people received in [from, to], oldest first. */
  recentApplicationsOf(persons: readonly Person[], from: Date, to: Date): Promise<RecentApplication[]>;
  /**
   * Records the decisions in one transaction, each item once: an item recorded before (a
   * redelivery, or twice in one batch) reads back its first write. A repeat linked with no number
   * yet (`linkedTo.applicationNumber` null: its first record is in the same batch) gets that
   * record's number, from this call or from the database. Results in the given order.
   * @throws IntakeError INTAKE_DB_UNAVAILABLE (retriable), INTAKE_DB_REJECTED
   */
  recordAll(decisions: readonly Decision[], now: Date): Promise<Recorded[]>;
}
