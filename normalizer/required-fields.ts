/**
 * The required customer information of DOMAIN.md rule 1: full name and a way to reach the person
 * (phone, e-mail or address); for a subscriber the contract account number and the national ID;
 * otherwise the national ID; and a description. The proposed solution is optional but kept.
 */
import type { Customer, Decision, ReasonCode } from '../schemas/types.generated.js';
import type { CandidateFields } from './candidate-fields.js';
import { normalizeContractAccount } from './rules/contract-account.js';
import { normalizeEmail } from './rules/email.js';
import { cleanNationalId, isValidNationalId } from './rules/national-id.js';
import { toE164 } from './rules/phone.js';
import { cleanText, titleCaseTr } from './turkish/clean.js';

export type MissingField = Decision['missing'][number];

export interface RequiredFieldsResult {
  customer: Customer;
  description: string | null;
  proposedSolution: string | null;
  /** Problems that make the application incomplete. */
  missing: MissingField[];
  /** Every finding, in a stable order, including notes that do not block (an invalid phone beside a valid e-mail). */
  reasons: ReasonCode[];
}

/** Checks and normalizes the customer fields. Pure. */
export function checkRequiredFields(fields: CandidateFields): RequiredFieldsResult {
  const reasons: ReasonCode[] = [];
  const missing: MissingField[] = [];

  const rawName = cleanText(fields.fullName);
  // Only a plain name is re-cased; anything else (markup, digits) is kept as typed, never rewritten.
  const fullName = rawName === null || !/\p{L}/u.test(rawName) ? null : /^[\p{L}\p{M}\s'’.-]+$/u.test(rawName) ? titleCaseTr(rawName) : rawName;
  if (fullName === null) {
    reasons.push('MISSING_FULL_NAME');
    missing.push('fullName');
  }

  const rawPhone = cleanText(fields.phone);
  const phone = rawPhone === null ? null : toE164(rawPhone);
  if (rawPhone !== null && phone === null) reasons.push('INVALID_PHONE');
  const rawEmail = cleanText(fields.email);
  const email = rawEmail === null ? null : normalizeEmail(rawEmail);
  if (rawEmail !== null && email === null) reasons.push('INVALID_EMAIL');
  const address = cleanText(fields.address, { multiline: true });
  if (phone === null && email === null && address === null) {
    reasons.push('MISSING_CONTACT');
    missing.push('contact');
  }

  const rawAccount = cleanText(fields.contractAccountNumber);
  const contractAccountNumber = rawAccount === null ? null : normalizeContractAccount(rawAccount);
  // A contract account number given means a subscription exists, whatever the tick box says.
  const isSubscriber = fields.isSubscriber === true || rawAccount !== null ? true : fields.isSubscriber ?? null;
  if (isSubscriber === true) {
    if (rawAccount === null) {
      reasons.push('MISSING_CONTRACT_ACCOUNT');
      missing.push('contractAccountNumber');
    } else if (contractAccountNumber === null) {
      reasons.push('INVALID_CONTRACT_ACCOUNT');
      missing.push('contractAccountNumber');
    }
  }

  const rawId = cleanText(fields.nationalId);
  const cleanedId = rawId === null ? null : cleanNationalId(rawId);
  const nationalId = cleanedId !== null && isValidNationalId(cleanedId) ? cleanedId : null;
  if (rawId === null) {
    reasons.push('MISSING_NATIONAL_ID');
    missing.push('nationalId');
  } else if (nationalId === null) {
    reasons.push('INVALID_NATIONAL_ID');
    missing.push('nationalId');
  }

  const description = cleanText(fields.description, { multiline: true });
  if (description === null) {
    reasons.push('MISSING_DESCRIPTION');
    missing.push('description');
  }
  const proposedSolution = cleanText(fields.proposedSolution, { multiline: true });
  if (proposedSolution !== null) reasons.push('PROPOSED_SOLUTION_KEPT');

  return {
    customer: { fullName, nationalId, contractAccountNumber, phone, email, district: cleanText(fields.district), address, isSubscriber },
    description,
    proposedSolution,
    missing,
    reasons,
  };
}
