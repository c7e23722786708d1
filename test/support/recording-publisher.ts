/**
 * A publisher that records what it is given, for HTTP-level tests of a connector. Each publish can
 * be made to fail or wait; the end-to-end suite uses the real broker. Given a MemoryBus, it also
 * appends what it took there, so that a stage consuming it (the media workers) sees it.
 */
import { IntakeError } from '../../runtime/errors.js';
import type { OutgoingMessage, Publisher } from '../../runtime/kafka/types.js';
import type { MemoryBus } from './memory-bus.js';

export class RecordingPublisher implements Publisher {
  readonly published: { topic: string; message: OutgoingMessage }[] = [];
  /** The topic of each publish call that went through, one entry per call. */
  readonly sends: string[] = [];
  failNext = 0;
  gate: Promise<void> | null = null;

  private calls = 0;
  private readonly waiters: Array<{ n: number; done: () => void }> = [];

  constructor(private readonly bus: MemoryBus | null = null) {}

  /** Resolves once `n` publish calls have arrived (at the gate or past it). */
  called(n = 1): Promise<void> {
    return this.calls >= n ? Promise.resolve() : new Promise((done) => { this.waiters.push({ n, done }); });
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    this.calls += 1;
    for (const w of this.waiters.filter((x) => x.n <= this.calls)) {
      this.waiters.splice(this.waiters.indexOf(w), 1);
      w.done();
    }
    if (this.gate) await this.gate;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'broker down (test)');
    }
    this.sends.push(topic);
    for (const message of messages) this.published.push({ topic, message });
    this.bus?.append(topic, messages);
  }

  async close(): Promise<void> {}
}
