/**
 * Decides a fetched batch with one registry look-up and one duplicate look-up for all of it. Pure
 * but for those two calls. A repeat of a complaint made earlier in the same batch cannot be linked
 * to a record that is not written yet, so linking stops before it: the caller records the prefix
 * and links the rest again, once the first one is in the database.
 */
import type { Decision, RawItem, Subscriber } from '../schemas/types.generated.js';
import type { Catalogue } from './catalogue/index.js';
import { decide } from './decide.js';
import { registryKey } from './decide-item.js';
import { followUpNumber, linkFollowUp } from './link-follow-up.js';
import { linkDuplicate, type Person, type RecentApplication } from './link-duplicate.js';
import type { DecisionStore } from './store-port.js';

export interface BatchOptions { catalogue: Catalogue; duplicateWindowHours: number; minFieldConfidence: number }

export type BatchDecision = { ok: true; decision: Decision } | { ok: false; error: unknown };

export interface LinkedPrefix {
  /** One per item of the prefix, in order. */
  results: BatchDecision[];
  /** How many items the prefix holds (at least one). */
  consumed: number;
}

const hourMs = 3_600_000;
// Stands in for the number of a record of this batch that is not written yet.
const PENDING = '(pending)';

const isLinkable = (d: Decision): boolean => d.kind === 'crm' || d.kind === 'needs-info';

function asRecent(d: Decision): RecentApplication {
  return { itemId: d.itemId, applicationNumber: PENDING, receivedAt: d.receivedAt, nationalId: d.customer.nationalId, phone: d.customer.phone, email: d.customer.email, topicMain: d.topic?.main ?? null, description: d.description };
}

/**
 * Records by national ID, phone and e-mail, so each decision is compared with its own person's
 * records only, not with every record of the batch (which made a batch quadratic).
 */
class RecordsByPerson {
  private readonly byKey = new Map<string, RecentApplication[]>();

  constructor(records: readonly RecentApplication[]) {
    for (const r of records) this.add(r);
  }

  add(r: RecentApplication): void {
    for (const key of keysOf(r)) {
      const list = this.byKey.get(key);
      if (list) list.push(r);
      else this.byKey.set(key, [r]);
    }
  }

  of(person: Person): RecentApplication[] {
    const found = new Set<RecentApplication>();
    for (const key of keysOf(person)) for (const r of this.byKey.get(key) ?? []) found.add(r);
    return [...found];
  }
}

function keysOf(p: Person): string[] {
  const keys: string[] = [];
  if (p.nationalId !== null) keys.push(`n:${p.nationalId}`);
  if (p.phone !== null) keys.push(`p:${p.phone}`);
  if (p.email !== null) keys.push(`e:${p.email}`);
  return keys;
}

/** Decides every item with what the registry says of it; a decision that throws (a bug) is a failure of its item alone. */
export async function decideAll(items: readonly RawItem[], store: DecisionStore, options: BatchOptions): Promise<BatchDecision[]> {
  const accounts = [...new Set(items.map((item) => registryKey(item, options.minFieldConfidence)).filter((a): a is string => a !== null))];
  const subscribers: ReadonlyMap<string, Subscriber> = accounts.length > 0 ? await store.findSubscribers(accounts) : new Map();
  return items.map((item) => {
    try {
      const account = registryKey(item, options.minFieldConfidence);
      const subscriber = account === null ? undefined : subscribers.get(account);
      const registry = account === null ? { status: 'not-looked-up' as const } : subscriber === undefined ? { status: 'not-found' as const } : { status: 'matched' as const, subscriber };
      return { ok: true, decision: decide(item, { catalogue: options.catalogue, registry, minFieldConfidence: options.minFieldConfidence }) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

/** Attaches each follow-up to the application it names, with one look-up for the batch. */
async function linkFollowUps(decided: readonly BatchDecision[], store: DecisionStore): Promise<BatchDecision[]> {
  const numbers = decided.flatMap((r) => (r.ok ? [followUpNumber(r.decision)] : [])).filter((n): n is string => n !== null);
  if (numbers.length === 0) return [...decided];
  const found = await store.applicationsByNumber(numbers);
  return decided.map((r) => {
    if (!r.ok) return r;
    const number = followUpNumber(r.decision);
    return number === null ? r : { ok: true, decision: linkFollowUp(r.decision, found.get(number)) };
  });
}

/** Links the longest prefix of `decided` whose repeats point at records already written. */
export async function linkPrefix(given: readonly BatchDecision[], store: DecisionStore, windowHours: number): Promise<LinkedPrefix> {
  const decided = await linkFollowUps(given, store);
  // A follow-up is attached already: it is no repeat to link.
  const linkable = decided.flatMap((r) => (r.ok && windowHours > 0 && isLinkable(r.decision) && r.decision.linkedTo === null ? [r.decision] : []));
  if (linkable.length === 0) return { results: [...decided], consumed: decided.length };

  const persons: Person[] = linkable.map((d) => ({ nationalId: d.customer.nationalId, phone: d.customer.phone, email: d.customer.email }));
  const times = linkable.map((d) => Date.parse(d.receivedAt));
  const recent = await store.recentApplicationsOf(persons, new Date(Math.min(...times) - windowHours * hourMs), new Date(Math.max(...times)));
  const known = new RecordsByPerson(recent);
  const results: BatchDecision[] = [];
  for (const result of decided) {
    if (!result.ok) {
      results.push(result);
      continue;
    }
    const linked = result.decision.linkedTo === null ? linkDuplicate(result.decision, known.of(result.decision.customer), windowHours) : result.decision;
    if (linked.linkedTo?.applicationNumber === PENDING) break;
    results.push({ ok: true, decision: linked });
    // A first record of this batch is what a later repeat in it would be linked to.
    if (isLinkable(linked) && linked.linkedTo === null) known.add(asRecent(linked));
  }
  // The first item never links to its own batch, so a prefix is never empty.
  return { results, consumed: results.length };
}
