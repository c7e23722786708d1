/**
 * The decision with what it needs to know from outside: the registry entry of the contract account
 * and the person's recent records. The lookups are injected (the sink in the daemon, a file or
 * nothing for `intake check`); `decide` and `linkDuplicate` stay pure.
 */
import type { Decision, RawItem, Subscriber } from '../schemas/types.generated.js';
import { readCandidates } from './candidate-fields.js';
import type { Catalogue } from './catalogue/index.js';
import { decide } from './decide.js';
import { linkDuplicate, type Person, type RecentApplication } from './link-duplicate.js';
import type { RegistryLookup } from './registry-merge.js';
import { normalizeContractAccount } from './rules/contract-account.js';
import { cleanText } from './turkish/clean.js';

export interface Lookups {
  findSubscriber(contractAccountNumber: string): Promise<Subscriber | null>;
  /** The person's numbered, unlinked records received in [from, to]. */
  recentApplications(person: Person, from: Date, to: Date): Promise<RecentApplication[]>;
}

export interface DecideItemOptions { catalogue: Catalogue; duplicateWindowHours: number; minFieldConfidence: number }

const hourMs = 3_600_000;

/** The normalized contract account number an item gives, the registry's key. */
export function registryKey(item: RawItem, minFieldConfidence: number): string | null {
  const raw = cleanText(readCandidates(item, minFieldConfidence).fields.contractAccountNumber);
  return raw === null ? null : normalizeContractAccount(raw);
}

/** Looks up, decides, links. With `lookups` null nothing is looked up. */
export async function decideItem(item: RawItem, lookups: Lookups | null, options: DecideItemOptions): Promise<Decision> {
  const account = registryKey(item, options.minFieldConfidence);
  let registry: RegistryLookup = { status: 'not-looked-up' };
  if (lookups !== null && account !== null) {
    const subscriber = await lookups.findSubscriber(account);
    registry = subscriber === null ? { status: 'not-found' } : { status: 'matched', subscriber };
  }
  const decision = decide(item, { catalogue: options.catalogue, registry, minFieldConfidence: options.minFieldConfidence });
  if (lookups === null || options.duplicateWindowHours <= 0 || (decision.kind !== 'crm' && decision.kind !== 'needs-info')) return decision;
  const at = Date.parse(decision.receivedAt);
  const { nationalId, phone, email } = decision.customer;
  const recent = await lookups.recentApplications({ nationalId, phone, email }, new Date(at - options.duplicateWindowHours * hourMs), new Date(at));
  return linkDuplicate(decision, recent, options.duplicateWindowHours);
}
