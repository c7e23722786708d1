/**
 * What `intake archive show` prints by default: the entry with its personal data (KVKK) masked,
 * enough left to tell two people apart on a screen (initials, the last digits, the mail domain),
 * never enough to read an ID or number off it. `--unmask` prints it whole.
 */
import type { Decision } from '../schemas/types.generated.js';
import type { ArchiveEntry } from '../sink/index.js';

const STAR = '*';

/** `Ayşe Yılmaz` → `A*** Y***`. */
export function maskName(name: string): string {
  return name.split(/(\s+)/).map((part) => (/^\s+$/.test(part) || part === '' ? part : `${Array.from(part)[0] ?? ''}${STAR.repeat(3)}`)).join('');
}

/** All but the last two characters starred: `10000000146` → `*********46`. */
export function maskDigits(value: string): string {
  const chars = Array.from(value);
  return chars.map((c, i) => (i < chars.length - 2 ? STAR : c)).join('');
}

/** `ayse@example.com` → `a***@example.com`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 1 ? STAR.repeat(3) : `${Array.from(address)[0] ?? ''}${STAR.repeat(3)}${address.slice(at)}`;
}

/** Free text (an address, the complaint): only its length. */
export function maskText(text: string): string {
  return `[${Array.from(text).length} characters]`;
}

const masked = <T extends string | null | undefined>(value: T, mask: (v: string) => string): T => (typeof value === 'string' ? mask(value) : value) as T;

/** The decision with every personal value masked; ids, codes, topics and the district kept. */
export function maskDecision(d: Decision): Decision {
  const c = d.customer;
  const updates = d.registry.updates;
  return {
    ...d,
    customer: {
      ...c,
      fullName: masked(c.fullName, maskName), nationalId: masked(c.nationalId, maskDigits), contractAccountNumber: masked(c.contractAccountNumber, maskDigits),
      phone: masked(c.phone, maskDigits), email: masked(c.email, maskEmail), address: masked(c.address, maskText),
    },
    description: masked(d.description, maskText),
    proposedSolution: masked(d.proposedSolution, maskText),
    registry: { ...d.registry, updates: { ...(updates.phone === undefined ? {} : { phone: maskDigits(updates.phone) }), ...(updates.email === undefined ? {} : { email: maskEmail(updates.email) }) } },
    contactPerson: d.contactPerson === null ? null : {
      fullName: masked(d.contactPerson.fullName, maskName),
      ...(d.contactPerson.phone === undefined ? {} : { phone: masked(d.contactPerson.phone, maskDigits) }),
    },
    ...(d.replyTo === undefined ? {} : { replyTo: { address: maskEmail(d.replyTo.address), ...(d.replyTo.subject === undefined ? {} : { subject: maskText(d.replyTo.subject) }) } }),
  };
}

/** The entry with its decision and every earlier one masked. */
export function maskEntry(entry: ArchiveEntry): ArchiveEntry {
  return { ...entry, decision: maskDecision(entry.decision), history: entry.history.map((h) => ({ ...h, decision: maskDecision(h.decision) })) };
}
