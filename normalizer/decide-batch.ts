/**
 * Decides a fetched batch with one registry look-up and one duplicate look-up for all of it. Pure
 * but for those two calls. A repeat of a complaint made earlier in the same batch is linked to that
 * first record with no number yet: the store gives it the first record's number as it records the
 * batch (store-port), so a batch full of repeats is still one transaction.
 */
import type { Decision, RawItem, Subscriber } from '../schemas/types.generated.js';
import type { Catalogue } from './catalogue/index.js';
import { decide } from './decide.js';
import { registryKey } from './decide-item.js';
import { followUpNumber, linkFollowUp } from './link-follow-up.js';
import { asRecentApplication, linkDuplicate, type Person, type RecentApplication } from './link-duplicate.js';
import type { DecisionStore } from './store-port.js';

export interface BatchOptions { catalogue: Catalogue; duplicateWindowHours: number; minFieldConfidence: number }

export type BatchDecision = { ok: true; decision: Decision } | { ok: false; error: unknown };

const hourMs = 3_600_000;

const isLinkable = (d: Decision): boolean => d.kind === 'crm' || d.kind === 'needs-info';

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
  // Read once per item: reading an item's candidate fields is most of what the key costs.
  const keys = items.map((item): string | null | undefined => {
    try {
      return registryKey(item, options.minFieldConfidence);
    } catch {
      // Undefined: reading it again below throws the same, and the item fails alone there.
      return undefined;
    }
  });
  const accounts = [...new Set(keys.filter((a): a is string => a !== null))];
  const subscribers: ReadonlyMap<string, Subscriber> = accounts.length > 0 ? await store.findSubscribers(accounts) : new Map();
  return items.map((item, i) => {
    try {
      const key = keys[i];
      const account = key === undefined ? registryKey(item, options.minFieldConfidence) : key;
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

/** Links each repeat to the first record of its complaint, written before or earlier in the batch. */
export async function linkBatch(given: readonly BatchDecision[], store: DecisionStore, windowHours: number): Promise<BatchDecision[]> {
  const decided = await linkFollowUps(given, store);
  // A follow-up is attached already: it is no repeat to link.
  const linkable = decided.flatMap((r) => (r.ok && windowHours > 0 && isLinkable(r.decision) && r.decision.linkedTo === null ? [r.decision] : []));
  if (linkable.length === 0) return [...decided];

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
    results.push({ ok: true, decision: linked });
    // A first record of this batch is what a later repeat in it would be linked to.
    if (isLinkable(linked) && linked.linkedTo === null) known.add(asRecentApplication(linked));
  }
  return results;
}
