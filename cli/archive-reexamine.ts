/**
 * Re-examining an archived fax or letter once a person has supplied the missing customer data: the
 * stored decision and the supplied fields become a raw item again, decided by the same code as the
 * daemon's. Lives here, not in sink/: the sink stores decisions and must not call the normalizer.
 */
import type { Decision, RawItem } from '../schemas/types.generated.js';
import type { SourcedField } from '../normalizer/candidate-fields.js';
import { decideItem, type DecideItemOptions, type Lookups } from '../normalizer/decide-item.js';

/** What a person may supply; the customer fields of DOMAIN.md rule 1, and the description. */
export const suppliedFields = ['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'address', 'district', 'description'] as const;
export type SuppliedField = (typeof suppliedFields)[number];
export type Supplied = Partial<Record<SuppliedField, string>>;

const CUSTOMER_FIELDS = ['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'address', 'district'] as const;
const SOURCED: readonly SourcedField[] = [...CUSTOMER_FIELDS, 'description', 'proposedSolution', 'caseRef'];

/** Stands in for a connector: the item is not captured again, it is read back from its record. */
const CONNECTOR = 'archive-reexamine';

/**
 * The raw item to decide again: the same item id, channel and receipt time; a form holding what
 * the stored decision knew of the customer with the supplied fields over it, and the stored
 * description; the scan's reading carried over. The original's text is not kept in the decision,
 * so what was read out of it comes back as form fields.
 */
export function reExaminationItem(stored: Decision, supplied: Supplied): RawItem {
  const form: NonNullable<RawItem['form']> = {};
  for (const key of CUSTOMER_FIELDS) {
    const value = supplied[key] ?? stored.customer[key];
    if (value !== null && value !== undefined) form[key] = value;
  }
  if (stored.customer.isSubscriber !== null) form.isSubscriber = stored.customer.isSubscriber;
  const description = supplied.description ?? stored.description;
  if (description !== null) form.description = description;
  if (stored.proposedSolution !== null) form.proposedSolution = stored.proposedSolution;
  const d = stored.document;
  return {
    schemaVersion: 1,
    itemId: stored.itemId,
    channel: stored.channel,
    receivedAt: stored.receivedAt,
    connector: CONNECTOR,
    sourceRef: stored.itemId,
    enteredBy: stored.enteredBy,
    form,
    // The decision keeps no file format; the reading is what matters to the decision.
    ...(d === undefined ? {} : { document: { format: 'unknown', pages: d.pages, read: d.read, ...(d.registryNumber === undefined ? {} : { registryNumber: d.registryNumber }), ...(d.problem === undefined ? {} : { problem: d.problem }) } }),
    attachments: [],
  };
}

function valueOf(decision: Decision, key: SourcedField): string | null {
  if (key === 'description') return decision.description;
  if (key === 'proposedSolution') return decision.proposedSolution;
  if (key === 'caseRef') return decision.caseRef;
  return decision.customer[key];
}

/**
 * The new decision, with what the form cannot say carried over from the stored one: where each
 * unchanged field first came from (OCR, the registry), the person who wrote for the customer, the
 * case reference and the scan's reading as stored; and `RE_EXAMINED`.
 */
export function markReExamined(decided: Decision, stored: Decision, supplied: Supplied): Decision {
  const reasons = decided.reasons.includes('RE_EXAMINED') ? decided.reasons : [...decided.reasons, 'RE_EXAMINED' as const];
  const marked: Decision = {
    ...decided,
    reasons,
    contactPerson: decided.contactPerson ?? stored.contactPerson,
    caseRef: decided.caseRef ?? stored.caseRef,
    ...(stored.document === undefined ? {} : { document: stored.document }),
  };
  const provenance: Decision['provenance'] = {};
  for (const key of SOURCED) {
    const value = valueOf(marked, key);
    if (value === null) continue;
    const earlier = stored.provenance[key];
    // A value typed back into the form unchanged still came from where it first came from.
    const unchanged = supplied[key as SuppliedField] === undefined && value === valueOf(stored, key);
    const current = decided.provenance[key];
    const source = unchanged && earlier !== undefined && (current === undefined || current.source === 'form') ? earlier : current;
    if (source !== undefined) provenance[key] = source;
  }
  return { ...marked, provenance };
}

/**
 * Supplied fields the checks refused (a national ID failing its checksum, a phone that is not one,
 * a district that is not one of Istanbul's 39): the person should correct them, not have the item
 * decided without them.
 */
export function refusedFields(decided: Decision, supplied: Supplied): SuppliedField[] {
  return suppliedFields.filter((key) => {
    if (supplied[key] === undefined) return false;
    if (key === 'description') return decided.description === null;
    if (key === 'district') return decided.customer.district === null || decided.reasons.includes('DISTRICT_FROM_ADDRESS');
    return decided.customer[key] === null;
  });
}

/**
 * Decides the archived item again, as the daemon would: registry look-up and duplicate linking
 * through `lookups` (null: neither), then {@link markReExamined}. Writes nothing.
 */
export async function reDecide(stored: Decision, supplied: Supplied, lookups: Lookups | null, options: DecideItemOptions): Promise<Decision> {
  const decided = await decideItem(reExaminationItem(stored, supplied), lookups, options);
  return markReExamined(decided, stored, supplied);
}
