/**
 * A publisher whose sends stay in flight until the test acknowledges or fails them, one at a time,
 * for tests of what waits on Kafka: which messages went out together, in which order, and who heard
 * back when.
 */
import { IntakeError } from '../../../runtime/errors.js';
import type { OutgoingMessage, Publisher } from '../../../runtime/kafka/types.js';

export interface HeldSend {
  topic: string;
  messages: OutgoingMessage[];
  keys: string[];
  /** Whether the test has acknowledged or failed it. */
  settled: boolean;
  /** The broker acknowledged: the send's promise resolves. */
  ack(): void;
  /** The send failed: its promise rejects with `error` (a retriable Kafka error by default). */
  fail(error?: Error): void;
}

export class HeldPublisher implements Publisher {
  /** Every send, in the order they were made. */
  readonly sends: HeldSend[] = [];
  /** What happened, in order: `send N topic key,key` when made, `ack N` / `fail N` when settled. */
  readonly log: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  closed = false;
  private waiters: { index: number; done: (send: HeldSend) => void }[] = [];

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const index = this.sends.length;
    this.log.push(`send ${index} ${topic} ${messages.map((m) => m.key).join(',')}`);
    return new Promise<void>((resolve, reject) => {
      const settle = (what: string): void => { this.inFlight -= 1; send.settled = true; this.log.push(`${what} ${index}`); };
      const send: HeldSend = {
        topic, messages, keys: messages.map((m) => m.key), settled: false,
        ack: () => { settle('ack'); resolve(); },
        fail: (error) => { settle('fail'); reject(error ?? new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'broker down (test)')); },
      };
      this.sends.push(send);
      for (const w of this.waiters.filter((x) => x.index < this.sends.length)) w.done(this.sends[w.index] as HeldSend);
      this.waiters = this.waiters.filter((x) => x.index >= this.sends.length);
    });
  }

  /** The index of the send that carried `key` on `topic`, or -1. */
  sendOf(topic: string, key: string): number {
    return this.sends.findIndex((s) => s.topic === topic && s.keys.includes(key));
  }

  /** Resolves with send number `index` (0-based) once it has been made. */
  send(index: number): Promise<HeldSend> {
    const made = this.sends[index];
    if (made) return Promise.resolve(made);
    return new Promise((done) => this.waiters.push({ index, done }));
  }

  /** Acknowledges each send not settled yet, as it is made and after letting other publishes queue, until `done` settles. */
  async acknowledgeUntil(done: Promise<unknown>): Promise<void> {
    const finished = done.then(() => null, () => null);
    const first = this.sends.findIndex((s) => !s.settled);
    for (let i = first < 0 ? this.sends.length : first; ; i++) {
      const send = await Promise.race([this.send(i), finished]);
      if (send === null) return;
      await settled();
      send.ack();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** Lets queued callbacks, promise reactions and immediates run: what settles without I/O has settled. */
export function settled(): Promise<void> {
  return new Promise((done) => setImmediate(done));
}
