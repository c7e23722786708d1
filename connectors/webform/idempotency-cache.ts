/**
 * Remembers, per Idempotency-Key, the item id answered and the body's fingerprint, so a retried post
 * is answered without writing again, a concurrent retry waits for the first, and the key reused
 * with another body is refused (422). Bounded by size and age; after a restart or eviction the item
 * id, derived from key and fingerprint, still makes a retry one record and another body its own.
 */
export interface IdempotencyEntry { itemId: string; fingerprint: string; done: Promise<{ emergency: boolean }>; expiresAt: number }

export class IdempotencyCache {
  private readonly entries = new Map<string, IdempotencyEntry>();

  constructor(private readonly ttlMs: number, private readonly maxEntries: number) {}

  get(key: string, nowMs: number): IdempotencyEntry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= nowMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  set(key: string, entry: Omit<IdempotencyEntry, 'expiresAt'>, nowMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { ...entry, expiresAt: nowMs + this.ttlMs });
    // A Map iterates in insertion order, so the first key is the oldest.
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
