/**
 * Web-form item ids. With an Idempotency-Key the id is derived from it, so a retry after a lost
 * answer (even after a restart) is the same item and the sink keeps one record. Without one, each
 * post is a new application.
 */
import { createHash, randomBytes } from 'node:crypto';

/** The key is hashed: it is the client's string and could carry anything. */
export function itemIdFromKey(idempotencyKey: string): string {
  return `webform:${createHash('sha256').update(`webform\0${idempotencyKey}`).digest('hex').slice(0, 32)}`;
}

export function freshItemId(): string {
  return `webform:${randomBytes(16).toString('hex')}`;
}

/** A stable fingerprint of a form, to tell a true retry from a reused key with another body. */
export function formFingerprint(form: object): string {
  const canonical = JSON.stringify(Object.entries(form).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(canonical).digest('hex');
}
