/**
 * Capture's publisher: publishes that arrive within a short linger, or while a send is in flight,
 * go to Kafka together, one send per topic. The producer is idempotent with one request in flight
 * (a key's messages must keep their order through retries), so publishing one request's item at a
 * time queued every request behind the previous one's acknowledgement: the web form answered about
 * 1,500 requests/s whatever the number of connections (issue 11).
 *
 * Each caller still hears about its own messages: its promise resolves once the send that carried
 * them was acknowledged (acks=all), and rejects with that send's error. A caller that awaits one
 * publish before starting the next (the emergency alert before the raw item) keeps that order: the
 * second cannot join a send before the first has settled.
 */
import { IntakeError } from '../errors.js';
import type { OutgoingMessage, Publisher } from './types.js';

export interface CoalescingOptions {
  /**
   * The longest, in ms, a publish that finds nothing in flight waits for others to join it. It
   * stops waiting as soon as as many callers wait as the last send carried, so a lone caller under
   * light load is sent at once. 0 waits only for the publishes of the current turn of the event loop.
   */
  lingerMs: number;
  /** Most messages in one send. */
  maxMessages: number;
  /** Most bytes in one send, as {@link messageBytes} counts them. */
  maxBytes: number;
}

/**
 * The broker refuses a record batch over its `message.max.bytes` (1 MiB by default), and a send
 * carries one batch per partition: half of that leaves room for the estimate's error and for a
 * broker configured lower. A single publish over the bound is sent alone, as it was before.
 */
const coalescingDefaults: Readonly<CoalescingOptions> = Object.freeze({ lingerMs: 5, maxMessages: 500, maxBytes: 512 * 1024 });

/** Kafka's record format v2 adds a length, attributes, offset and time deltas and varint lengths. */
const RECORD_OVERHEAD_BYTES = 64;

/** A message's size on the wire, roughly and never below it: key, value, headers, record overhead. */
export function messageBytes(message: OutgoingMessage): number {
  let bytes = RECORD_OVERHEAD_BYTES + Buffer.byteLength(message.key);
  bytes += Buffer.isBuffer(message.value) ? message.value.length : Buffer.byteLength(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) bytes += Buffer.byteLength(name) + Buffer.byteLength(value) + 2;
  return bytes;
}

interface Waiting {
  topic: string;
  messages: OutgoingMessage[];
  bytes: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function checked(options: Partial<CoalescingOptions>): CoalescingOptions {
  const o = { ...coalescingDefaults, ...options };
  if (!Number.isInteger(o.lingerMs) || o.lingerMs < 0) throw new RangeError(`lingerMs must be an integer ≥ 0, not ${o.lingerMs}`);
  if (!Number.isInteger(o.maxMessages) || o.maxMessages < 1) throw new RangeError(`maxMessages must be an integer ≥ 1, not ${o.maxMessages}`);
  if (!Number.isInteger(o.maxBytes) || o.maxBytes < 1) throw new RangeError(`maxBytes must be an integer ≥ 1, not ${o.maxBytes}`);
  return o;
}

/** Callers grouped by topic, topics in the order they first appear, callers in arrival order. */
function byTopic(batch: Waiting[]): Map<string, Waiting[]> {
  const topics = new Map<string, Waiting[]>();
  for (const w of batch) {
    const callers = topics.get(w.topic);
    if (callers) callers.push(w);
    else topics.set(w.topic, [w]);
  }
  return topics;
}

/**
 * Wraps `inner` (a publisher of its own, not shared: a send in flight holds it) so that concurrent
 * publishes share its sends. `close` sends what is waiting, then closes `inner`.
 * @throws RangeError for options out of range
 */
export function coalescingPublisher(inner: Publisher, options: Partial<CoalescingOptions> = {}): Publisher {
  const o = checked(options);
  const queue: Waiting[] = [];
  let queuedMessages = 0;
  let queuedBytes = 0;
  let linger: { cancel: () => void } | null = null;
  let sending: Promise<void> | null = null;
  let closed = false;
  /** How many callers the last send carried: a linger ends as soon as as many wait again. */
  let lastCallers = 1;

  /** Takes the oldest callers up to the bounds; always at least one, however large. */
  function take(): Waiting[] {
    const batch: Waiting[] = [];
    let messages = 0;
    let bytes = 0;
    for (let next = queue[0]; next !== undefined; next = queue[0]) {
      if (batch.length > 0 && (messages + next.messages.length > o.maxMessages || bytes + next.bytes > o.maxBytes)) break;
      queue.shift();
      batch.push(next);
      messages += next.messages.length;
      bytes += next.bytes;
    }
    queuedMessages -= messages;
    queuedBytes -= bytes;
    return batch;
  }

  /** One send per topic, in turn; each caller settles with its topic's send. Never rejects. */
  async function send(batch: Waiting[]): Promise<void> {
    for (const [topic, callers] of byTopic(batch)) {
      try {
        await inner.publish(topic, callers.flatMap((c) => c.messages));
        for (const c of callers) c.resolve();
      } catch (error) {
        for (const c of callers) c.reject(error);
      }
    }
  }

  function flush(): void {
    linger?.cancel();
    linger = null;
    if (sending !== null || queue.length === 0) return;
    const batch = take();
    lastCallers = batch.length;
    sending = send(batch).finally(() => {
      sending = null;
      // What queued meanwhile has waited a whole send already: it goes at once, without lingering.
      flush();
    });
  }

  function schedule(): void {
    // A send in flight flushes the queue when it settles.
    if (sending !== null) return;
    // A fixed linger cost a closed loop of 10 clients a third of its requests/s: under steady load
    // about as many callers as last time arrive, and waiting out the rest of the linger only adds
    // latency. Under light load that is one caller, sent at once.
    if (queue.length >= lastCallers || queuedMessages >= o.maxMessages || queuedBytes >= o.maxBytes) return flush();
    if (linger !== null) return;
    if (o.lingerMs === 0) {
      const immediate = setImmediate(flush);
      linger = { cancel: () => clearImmediate(immediate) };
    } else {
      const timer = setTimeout(flush, o.lingerMs);
      linger = { cancel: () => clearTimeout(timer) };
    }
  }

  return {
    publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
      if (closed) return Promise.reject(new IntakeError('INTAKE_KAFKA_UNAVAILABLE', `publish to ${topic} after the publisher was closed`));
      if (messages.length === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const bytes = messages.reduce((sum, m) => sum + messageBytes(m), 0);
        queue.push({ topic, messages, bytes, resolve, reject });
        queuedMessages += messages.length;
        queuedBytes += bytes;
        schedule();
      });
    },
    async close() {
      closed = true;
      flush();
      while (sending !== null) await sending;
      await inner.close();
    },
  };
}
