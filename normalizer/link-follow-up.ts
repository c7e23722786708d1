/**
 * A follow-up: an item that names one of our application numbers (`caseRef`, from a reply's
 * subject or its text) is attached to that application instead of being numbered as a new one. It
 * keeps its own row, linked (`linkedTo`), so the record shows it. A number anyone can type is not
 * proof of whose application it is: when the item and the application both name people and none of
 * their national ID, phone or e-mail agree, it stays a new application, with the reason saying so.
 */
import type { Decision, ReasonCode } from '../schemas/types.generated.js';
import type { RecentApplication } from './link-duplicate.js';

/** The kinds that are applications: an auto-reply quoting our number is still not a follow-up. */
const isApplication = (d: Decision): boolean => d.kind === 'crm' || d.kind === 'needs-info';

function samePerson(d: Decision, a: RecentApplication): boolean | null {
  const pairs = [[d.customer.nationalId, a.nationalId], [d.customer.phone, a.phone], [d.customer.email, a.email]] as const;
  const compared = pairs.filter(([x, y]) => x !== null && y !== null);
  return compared.length === 0 ? null : compared.some(([x, y]) => x === y);
}

function withReason(d: Decision, reason: ReasonCode): Decision {
  return { ...d, reasons: [...d.reasons, reason] };
}

/** Whether the decision names an application number that should be looked up. */
export function followUpNumber(d: Decision): string | null {
  return isApplication(d) && d.linkedTo === null ? d.caseRef : null;
}

/** Links the decision to the application its caseRef names, when that application exists and may be its. */
export function linkFollowUp(d: Decision, application: RecentApplication | undefined): Decision {
  if (followUpNumber(d) === null) return d;
  if (application === undefined || application.applicationNumber === null) return withReason(d, 'CASE_REF_UNKNOWN');
  if (samePerson(d, application) === false) return withReason(d, 'CASE_REF_OTHER_PERSON');
  return { ...d, linkedTo: { itemId: application.itemId, applicationNumber: application.applicationNumber }, reasons: [...d.reasons, 'FOLLOW_UP_LINKED'] };
}
