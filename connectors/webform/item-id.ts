/**
 * Web-form item ids. With an Idempotency-Key the id is derived from the key and the form's
 * fingerprint: a retry of the same application (after a lost answer, a restart, the key's
 * eviction from memory) is the same item and the sink keeps one record, while a key reused for
 * another application makes another item, recorded on its own, never silently dropped as a
 * "retry". Without a key, each post is a new application.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The key is hashed: it is the client's string and could carry anything. */
export function itemIdFromKey(idempotencyKey: string, fingerprint: string): string {
  return `webform:${createHash('sha256').update(`webform\0${idempotencyKey}\0${fingerprint}`).digest('hex').slice(0, 32)}`;
}

export function freshItemId(): string {
  return `webform:${randomBytes(16).toString('hex')}`;
}

/** A stable fingerprint of a form's known fields, to tell a true retry from a reused key with another body. */
export function formFingerprint(form: object): string {
  const canonical = JSON.stringify(Object.entries(form).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(canonical).digest('hex');
}
