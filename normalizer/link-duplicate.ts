/**
 * Duplicates across channels: the same person (national ID, phone or e-mail) with the same complaint
 * (similar words, same topic when both have one) within the window is linked to the first record
 * instead of becoming a second application. Pure: the runner fetches the person's recent records.
 */
import type { Decision } from '../schemas/types.generated.js';
import { foldedWords } from './turkish/fold.js';

/** Who a record is about, for finding their other records. */
export interface Person { nationalId: string | null; phone: string | null; email: string | null }

/** A recent first record of someone, as the sink reads it back. */
export interface RecentApplication {
  itemId: string;
  applicationNumber: string | null;
  receivedAt: string;
  nationalId: string | null;
  phone: string | null;
  email: string | null;
  topicMain: string | null;
  description: string | null;
}

const hourMs = 3_600_000;
// Turkish is agglutinative: "faturam", "faturamı", "faturanın" share their first letters.
const stemLength = 5;
const similarEnough = 0.5;
const similarEnoughSameTopic = 0.3;

function stems(text: string | null): Set<string> {
  if (text === null) return new Set();
  return new Set(foldedWords(text).filter((w) => w.length >= 3).map((w) => w.slice(0, stemLength)));
}

/** Jaccard similarity of the two texts' word stems, 0 to 1. */
export function textSimilarity(a: string | null, b: string | null): number {
  return stemSimilarity(stems(a), stems(b));
}

function stemSimilarity(x: ReadonlySet<string>, y: ReadonlySet<string>): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const s of x) if (y.has(s)) shared += 1;
  return shared / (x.size + y.size - shared);
}

function samePerson(d: Decision, r: RecentApplication): boolean {
  const c = d.customer;
  return (c.nationalId !== null && c.nationalId === r.nationalId) || (c.phone !== null && c.phone === r.phone) || (c.email !== null && c.email === r.email);
}

// A batch links hundreds of decisions against the same recent records: each record's stems are
// made once, and go with the record. A decision's own are made only once a record of the same
// person in the window asks for them (most have none), and go on with it when it becomes a first
// record of the batch (asRecentApplication): stemming was a third of linking (issue 11).
const recentStems = new WeakMap<RecentApplication, Set<string>>();
const decisionStems = new WeakMap<Decision, Set<string>>();

/** The stems of a description, made once per decision or record (`owner`) and remembered in `memo`. */
function stemsOnce<T extends object>(memo: WeakMap<T, Set<string>>, owner: T, description: string | null): Set<string> {
  let found = memo.get(owner);
  if (found === undefined) memo.set(owner, (found = stems(description)));
  return found;
}

function sameComplaint(d: Decision, r: RecentApplication): boolean {
  const similarity = stemSimilarity(stemsOnce(decisionStems, d, d.description), stemsOnce(recentStems, r, r.description));
  const main = d.topic?.main ?? null;
  if (main !== null && r.topicMain !== null) return main === r.topicMain && similarity >= similarEnoughSameTopic;
  return similarity >= similarEnough;
}

/** A decision as the first record a later repeat of its complaint is linked to; not numbered yet. */
export function asRecentApplication(d: Decision): RecentApplication {
  const recent: RecentApplication = { itemId: d.itemId, applicationNumber: null, receivedAt: d.receivedAt, nationalId: d.customer.nationalId, phone: d.customer.phone, email: d.customer.email, topicMain: d.topic?.main ?? null, description: d.description };
  const own = decisionStems.get(d);
  if (own !== undefined) recentStems.set(recent, own);
  return recent;
}

/** The decision linked to the earliest matching first record, or unchanged. */
export function linkDuplicate(decision: Decision, recent: readonly RecentApplication[], windowHours: number): Decision {
  if (windowHours <= 0 || (decision.kind !== 'crm' && decision.kind !== 'needs-info')) return decision;
  const at = Date.parse(decision.receivedAt);
  const first = recent
    .filter((r) => r.itemId !== decision.itemId)
    .filter((r) => {
      const then = Date.parse(r.receivedAt);
      return then <= at && at - then <= windowHours * hourMs;
    })
    .filter((r) => samePerson(decision, r) && sameComplaint(decision, r))
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || (a.itemId < b.itemId ? -1 : 1))[0];
  if (first === undefined) return decision;
  return { ...decision, linkedTo: { itemId: first.itemId, applicationNumber: first.applicationNumber }, reasons: [...decision.reasons, 'DUPLICATE_LINKED'] };
}
