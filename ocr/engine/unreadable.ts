/**
 * The inside of the engine stops a reading by throwing `Unreadable`; `read-document.ts` turns it
 * into an `ok: false` reading. It never leaves the engine.
 */
import type { UnreadableReason } from './types.js';

export class Unreadable extends Error {
  readonly reason: UnreadableReason;
  /** The pages known when the reading stopped. */
  readonly pages: number;

  constructor(reason: UnreadableReason, pages = 0, options: { cause?: unknown } = {}) {
    super(`unreadable document: ${reason}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Unreadable';
    this.reason = reason;
    this.pages = pages;
  }
}
