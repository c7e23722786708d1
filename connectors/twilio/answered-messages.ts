/**
 * The messages this process captured lately, by MessageSid. Twilio retries a webhook whose answer
 * it did not get in time; the retry is the same item (its id comes from the MessageSid), so
 * publishing it again would only be deduplicated by the sink, but it would send its media to be
 * fetched again and alert the 187 dispatcher twice. So a retry of a message published here is answered from
 * memory, and a retry that arrives while the first is still in flight waits for it. A retry that
 * reaches another instance, or this one after a restart, publishes the same item again, which is
 * harmless. Bounded by size and age. Voicemail callbacks are remembered the same way, by recording.
 */
export interface Captured { itemId: string; emergency: boolean; automatic: boolean }

const MAX_ENTRIES = 10_000;
const TTL_MS = 60 * 60 * 1000;

export class AnsweredMessages<T = Captured> {
  private readonly done = new Map<string, { captured: T; expiresAt: number }>();
  private readonly inFlight = new Map<string, Promise<T>>();

  /**
   * The capture of this message: remembered, in flight, or started now with `capture`.
   * A failed capture is forgotten at once, so Twilio's next retry tries again.
   */
  capture(messageSid: string, nowMs: number, capture: () => Promise<T>): { replayed: boolean; captured: Promise<T> } {
    const remembered = this.done.get(messageSid);
    if (remembered !== undefined && remembered.expiresAt > nowMs) return { replayed: true, captured: Promise.resolve(remembered.captured) };
    const running = this.inFlight.get(messageSid);
    if (running !== undefined) return { replayed: true, captured: running };
    const started = capture();
    this.inFlight.set(messageSid, started);
    void started.then(
      (captured) => {
        this.inFlight.delete(messageSid);
        this.remember(messageSid, captured, nowMs);
      },
      () => this.inFlight.delete(messageSid),
    );
    return { replayed: false, captured: started };
  }

  private remember(messageSid: string, captured: T, nowMs: number): void {
    this.done.delete(messageSid);
    this.done.set(messageSid, { captured, expiresAt: nowMs + TTL_MS });
    // A Map iterates in insertion order, so the first key is the oldest.
    while (this.done.size > MAX_ENTRIES) {
      const oldest = this.done.keys().next().value;
      if (oldest === undefined) break;
      this.done.delete(oldest);
    }
  }
}
