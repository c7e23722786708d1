/**
 * DOMAIN.md rule 3: a subscriber's data is pulled from the registry by contract account number;
 * the national ID and phone are checked against it, and missing or changed contact data is
 * updated. Someone contacting for the subscriber is recorded under their own name beside them.
 * Pure: the runner (or `intake check --registry`) does the lookup and passes the result in.
 */
import type { Decision, ReasonCode, Subscriber } from '../schemas/types.generated.js';
import type { CandidateFields } from './candidate-fields.js';
import { normalizeEmail } from './rules/email.js';
import { cleanNationalId } from './rules/national-id.js';
import { toE164 } from './rules/phone.js';
import { foldedWords } from './turkish/fold.js';
import { cleanText, isBlank, titleCaseTr } from './turkish/clean.js';

/** What the registry said for the application's contract account number. */
export type RegistryLookup = { status: 'not-looked-up' } | { status: 'not-found' } | { status: 'matched'; subscriber: Subscriber };

export interface RegistryMerge {
  fields: CandidateFields;
  registry: Decision['registry'];
  contactPerson: Decision['contactPerson'];
  reasons: ReasonCode[];
}

/** Fills and checks the candidate fields against the registry entry. */
export function mergeRegistry(fields: CandidateFields, lookup: RegistryLookup): RegistryMerge {
  if (lookup.status !== 'matched') {
    return {
      fields, contactPerson: null,
      registry: { status: lookup.status, mismatches: [], updates: {} },
      reasons: lookup.status === 'not-found' ? ['SUBSCRIBER_NOT_FOUND'] : [],
    };
  }
  const s = lookup.subscriber;
  const merged: CandidateFields = { ...fields, isSubscriber: true };
  const mismatches: Decision['registry']['mismatches'] = [];
  const updates: Decision['registry']['updates'] = {};
  const reasons: ReasonCode[] = ['SUBSCRIBER_MATCHED'];
  let filled = false;
  let contactPerson: Decision['contactPerson'] = null;

  const givenId = fields.nationalId === null ? null : cleanNationalId(fields.nationalId);
  if (givenId === null || givenId === '') filled = true;
  else if (givenId !== s.nationalId) mismatches.push('nationalId');
  // The registry is the authority on who the subscriber is.
  merged.nationalId = s.nationalId;

  const givenName = cleanText(fields.fullName);
  if (givenName === null) filled = true;
  else if (foldedWords(givenName).join(' ') !== foldedWords(s.fullName).join(' ')) {
    mismatches.push('fullName');
    contactPerson = { fullName: titleCaseTr(givenName) };
  }
  merged.fullName = s.fullName;

  // Only the subscriber themself, proven by their national ID, may change their contact data.
  const identified = givenId === s.nationalId && contactPerson === null;
  const givenPhone = fields.phone === null ? null : toE164(fields.phone);
  if (givenPhone === null) {
    if (s.phone) {
      merged.phone = s.phone;
      filled = true;
    }
  } else if (givenPhone !== s.phone) {
    if (s.phone) mismatches.push('phone');
    if (identified) updates.phone = givenPhone;
  }
  const givenEmail = fields.email === null ? null : normalizeEmail(fields.email);
  if (givenEmail === null) {
    if (s.email) {
      merged.email = s.email;
      filled = true;
    }
  } else if (givenEmail !== s.email && identified) updates.email = givenEmail;

  // Whether an address or district was given; checkRequiredFields cleans what is kept, once.
  if (isBlank(fields.address) && s.address) {
    merged.address = s.address;
    filled = true;
  }
  if (isBlank(fields.district) && s.district) merged.district = s.district;

  if (filled) reasons.push('FILLED_FROM_REGISTRY');
  if (mismatches.includes('nationalId')) reasons.push('NATIONAL_ID_MISMATCH');
  if (updates.phone !== undefined) reasons.push('PHONE_UPDATED');
  if (contactPerson !== null) reasons.push('CONTACT_IS_NOT_SUBSCRIBER');
  return { fields: merged, contactPerson, registry: { status: 'matched', mismatches, updates }, reasons };
}
