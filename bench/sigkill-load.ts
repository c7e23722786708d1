/**
 * The soak's load: a few concurrent clients posting applications at a steady rate, each behaving
 * like a browser behind a retrying proxy: on a connection error, a timeout or a 503 it sends the
 * SAME request with the SAME Idempotency-Key again, until it gets a 202, and remembers the item id.
 * Now and then it sends an application that was already accepted once more (a double submit), which
 * must come back with the same item id. Every loop is bounded.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { SoakApplication } from './sigkill-forms.js';

export interface Accepted {
  itemId: string;
  /** When the 202 arrived (performance.now()). */
  at: number;
  attempts: number;
  emergency: boolean;
}

export interface LoadOptions {
  endpoint: string;
  /** Applications per second, over all clients together. */
  rate: number;
  clients: number;
  staffApiKey: string;
  /** One HTTP attempt gives up after this long (the connection is dropped, the request retried). */
  requestTimeoutMs: number;
  /** One application gives up after this long without a 202 (counted, never silently dropped). */
  applicationTimeoutMs: number;
  /** Upper bound on applications over the whole run. */
  maxApplications: number;
  /** Share (0..1) of the posts that re-send an application already accepted. */
  resendShare: number;
  next: (n: number) => SoakApplication;
  /** Called with the send time of the attempt and the arrival time of each 202. */
  onAccepted: (sentAt: number, receivedAt: number) => void;
  random: () => number;
}

export interface LoadFigures {
  applications: number;
  attempts: number;
  retries: { connection: number; timeout: number; unavailable503: number };
  /** Answers that are neither 202 nor 503: a valid form should never get one. */
  refused: Record<string, number>;
  gaveUp: number;
  resent: number;
  resentOtherItemId: number;
  resentNot202: number;
  /** Keys whose answers carried two different item ids. */
  keysWithTwoItemIds: number;
  /** A client that failed outright (a bug of the soak, or an answer that was not JSON). */
  clientErrors: string[];
}

/** A running load; `stop()` lets each client finish the application in hand, then resolves. */
export interface Load {
  accepted: Map<string, Accepted>;
  applications: Map<string, SoakApplication>;
  /** Attempts on the wire right now. */
  inFlight: () => number;
  figures: () => LoadFigures;
  stop: (withinMs: number) => Promise<boolean>;
}

type Attempt = { kind: 'accepted'; itemId: string; emergency: boolean } | { kind: 'retry'; why: 'connection' | 'timeout' | 'unavailable503' } | { kind: 'refused'; status: number };

export function startLoad(o: LoadOptions): Load {
  const accepted = new Map<string, Accepted>();
  const applications = new Map<string, SoakApplication>();
  const acceptedKeys: string[] = [];
  const f: LoadFigures = {
    applications: 0, attempts: 0, retries: { connection: 0, timeout: 0, unavailable503: 0 }, refused: {}, gaveUp: 0,
    resent: 0, resentOtherItemId: 0, resentNot202: 0, keysWithTwoItemIds: 0, clientErrors: [],
  };
  let stopping = false;
  let inFlight = 0;
  let n = 0;

  async function attempt(app: SoakApplication): Promise<Attempt> {
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': app.idempotencyKey };
    if (app.staff) headers['x-api-key'] = o.staffApiKey;
    const sentAt = performance.now();
    inFlight += 1;
    f.attempts += 1;
    try {
      const response = await fetch(`${o.endpoint}/v1/applications`, { method: 'POST', headers, body: app.body, signal: AbortSignal.timeout(o.requestTimeoutMs) });
      const text = await response.text();
      if (response.status === 202) {
        const answer = JSON.parse(text) as { itemId: string; emergency: boolean };
        o.onAccepted(sentAt, performance.now());
        return { kind: 'accepted', itemId: answer.itemId, emergency: answer.emergency };
      }
      if (response.status === 503) return { kind: 'retry', why: 'unavailable503' };
      return { kind: 'refused', status: response.status };
    } catch (error) {
      const name = (error as Error).name;
      return { kind: 'retry', why: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'connection' };
    } finally {
      inFlight -= 1;
    }
  }

  /** Retries one application until a 202, a refusal or its deadline; says how many attempts it took. */
  async function submit(app: SoakApplication): Promise<(Attempt & { attempts: number }) | null> {
    const deadline = performance.now() + o.applicationTimeoutMs;
    for (let tries = 0; performance.now() < deadline; tries++) {
      const result = await attempt(app);
      if (result.kind !== 'retry') return { ...result, attempts: tries + 1 };
      f.retries[result.why] += 1;
      // Short, jittered backoff: a proxy retrying on loopback, and a fine resolution for the restart figures.
      await sleep(Math.min(250, 25 * 2 ** Math.min(tries, 4)) * (0.5 + o.random() / 2));
    }
    return null;
  }

  async function client(): Promise<void> {
    const interval = (1000 * o.clients) / o.rate;
    let nextAt = performance.now() + o.random() * interval;
    while (!stopping && f.applications + f.resent < o.maxApplications) {
      const wait = nextAt - performance.now();
      if (wait > 0) await sleep(wait);
      if (stopping) break;
      nextAt = Math.max(nextAt + interval, performance.now());
      const resend = acceptedKeys.length > 0 && o.random() < o.resendShare;
      if (resend) {
        const key = acceptedKeys[Math.floor(o.random() * acceptedKeys.length)] as string;
        const app = applications.get(key) as SoakApplication;
        const first = accepted.get(key) as Accepted;
        f.resent += 1;
        const result = await submit(app);
        if (result?.kind !== 'accepted') f.resentNot202 += 1;
        else if (result.itemId !== first.itemId) f.resentOtherItemId += 1;
        continue;
      }
      const app = o.next(n++);
      applications.set(app.idempotencyKey, app);
      f.applications += 1;
      const result = await submit(app);
      if (result === null) f.gaveUp += 1;
      else if (result.kind === 'refused') f.refused[String(result.status)] = (f.refused[String(result.status)] ?? 0) + 1;
      else if (result.kind === 'accepted') {
        const before = accepted.get(app.idempotencyKey);
        if (before && before.itemId !== result.itemId) f.keysWithTwoItemIds += 1;
        accepted.set(app.idempotencyKey, { itemId: result.itemId, at: performance.now(), attempts: result.attempts, emergency: result.emergency });
        acceptedKeys.push(app.idempotencyKey);
      }
    }
  }

  const running = Array.from({ length: o.clients }, () => client().catch((error: unknown) => { f.clientErrors.push((error as Error).message); }));
  return {
    accepted,
    applications,
    inFlight: () => inFlight,
    figures: () => structuredClone(f),
    async stop(withinMs) {
      stopping = true;
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        Promise.all(running).then(() => true),
        new Promise<boolean>((done) => { timer = setTimeout(() => done(false), withinMs); }),
      ]);
      clearTimeout(timer);
      return finished;
    },
  };
}
