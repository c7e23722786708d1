/**
 * What `intake peek` and `intake dlq show` print by default: a Kafka message with its personal data
 * (KVKK) masked, as `intake archive show` masks a decision (initials, the last two digits, the mail
 * domain, free text as its length). Masked by field name wherever the field sits, so that one rule
 * covers a raw item's form and text, a job's sender, an outcome's decision, an alert's item, and
 * JSON of a schema we do not know. Pure.
 */
import { maskDigits, maskEmail, maskName, maskText } from './archive-mask.js';

type Mask = (value: string) => string;

/** A sender is an e-mail address or a phone number, as the channel gave it. */
const maskContact: Mask = (value) => (value.includes('@') ? maskEmail(value) : maskDigits(value));

/** The personal fields of our schemas (raw item, jobs, decision, outcome, alert), by name. */
const fieldMasks: Readonly<Record<string, Mask>> = {
  fullName: maskName, senderName: maskName,
  nationalId: maskDigits, contractAccountNumber: maskDigits, phone: maskDigits,
  email: maskEmail, sender: maskContact,
  // Free text: an address, the complaint, a mail's subject and body, a transcript, OCR text.
  address: maskText, description: maskText, proposedSolution: maskText, subject: maskText, body: maskText, text: maskText,
  // A file's name: people name scans after the customer.
  name: maskText,
};

/** Fields whose meaning depends on the object they are in. */
const nestedMasks: Readonly<Record<string, Readonly<Record<string, Mask>>>> = {
  // A decision's return address is an e-mail address, not a postal one.
  replyTo: { address: maskEmail },
};

/** Kafka headers that carry personal data: a dead letter's file name. */
const headerMasks: Readonly<Record<string, Mask>> = { 'x-file': maskText };

function walk(value: unknown, parent: string | null): unknown {
  if (Array.isArray(value)) return value.map((inner) => walk(inner, parent));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const mask = (parent === null ? undefined : nestedMasks[parent]?.[key]) ?? fieldMasks[key];
    out[key] = typeof inner === 'string' && mask !== undefined ? mask(inner) : walk(inner, key);
  }
  return out;
}

/** A decoded JSON payload with every personal field masked; ids, codes, channels, topics and references kept. */
export function maskPayload(value: unknown): unknown {
  return walk(value, null);
}

/** A payload that is not JSON (a dead letter's mail, a foreign message): only its length. */
export function maskPlainText(text: string): string {
  return maskText(text);
}

/** The headers with the personal ones masked. */
export function maskHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, headerMasks[name]?.(value) ?? value]));
}
