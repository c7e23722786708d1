/**
 * Open-loop load for the latency bench: application i is due at `start + i × interval`, whatever
 * happened to the ones before (a slow answer does not slow the load, as it would with a client
 * that waits). Each application has its own Idempotency-Key. An attempt refused at connect (the
 * daemon is not listening yet) never reached the daemon: it is sent again with the same key and
 * bytes as soon as the port opens, and the application's clock starts at the first attempt that
 * got through. Any other failure (a 503, a reset, a timeout) is retried after a short pause, but
 * the clock keeps running from the first send: the client waited through it.
 *
 * Until the port opens, one TCP probe every few milliseconds stands in for the refused
 * applications' own retries: a refused fetch costs about 0.35 ms of CPU here, and a hundred
 * applications re-sending every 10 ms took a third of a core from the daemon's start-up on this
 * 2-core machine, in the very seconds being measured.
 */
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SoakApplication } from './sigkill-forms.js';

export interface Posted {
  n: number;
  itemId: string | null;
  /** The first attempt that reached the daemon: performance.now() and Date.now() (the daemon's clock). */
  sentAt: number | null;
  sentWallMs: number | null;
  /** When the 202 (body included) arrived, performance.now(). */
  answeredAt: number | null;
  /** Attempts refused at connect, before the first one got through. */
  refusedAtConnect: number;
  /** Retries after reaching the daemon (503, reset, timeout). */
  retriedAfterSend: number;
  /** Final HTTP status other than 202, or null. */
  failedStatus: number | null;
  /** How late the first attempt left against its due time, ms (the bench's own event-loop lag). */
  lateMs: number;
}

export interface OpenLoopOptions {
  endpoint: string;
  /** performance.now() of the schedule's origin (the daemon's spawn). */
  start: number;
  intervalMs: number;
  count: number;
  next: (n: number) => SoakApplication;
  staffApiKey: string;
  retryPauseMs: number;
  /** How often the port is probed while it refuses connections. */
  probeEveryMs: number;
  /** One HTTP attempt gives up after this long and is retried. */
  requestTimeoutMs: number;
  /** An application gives up after this long without a 202 (reported, never silently dropped). */
  applicationTimeoutMs: number;
}

/** Resolves once a TCP connection to the endpoint succeeds; one probe loop, however many wait. */
function portOpening(endpoint: string, everyMs: number): () => Promise<void> {
  const { hostname, port } = new URL(endpoint);
  let opened: Promise<void> | null = null;
  const probe = (done: () => void): void => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => { socket.destroy(); done(); });
    socket.once('error', () => { socket.destroy(); setTimeout(() => probe(done), everyMs); });
  };
  return () => (opened ??= new Promise<void>((done) => probe(done)));
}

type Attempt = { kind: 'answered'; status: number; itemId: string | null } | { kind: 'refused-at-connect' } | { kind: 'failed-after-send' };

async function attempt(o: OpenLoopOptions, app: SoakApplication): Promise<Attempt> {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': app.idempotencyKey };
  if (app.staff) headers['x-api-key'] = o.staffApiKey;
  try {
    const response = await fetch(`${o.endpoint}/v1/applications`, { method: 'POST', headers, body: app.body, signal: AbortSignal.timeout(o.requestTimeoutMs) });
    const text = await response.text();
    const itemId = response.status === 202 ? (JSON.parse(text) as { itemId: string }).itemId : null;
    return { kind: 'answered', status: response.status, itemId };
  } catch (error) {
    // undici reports a refused connection as "fetch failed" with the socket error as its cause.
    const code = ((error as { cause?: { code?: string } }).cause)?.code;
    return code === 'ECONNREFUSED' ? { kind: 'refused-at-connect' } : { kind: 'failed-after-send' };
  }
}

async function submit(o: OpenLoopOptions, portOpen: () => Promise<void>, n: number, lateMs: number): Promise<Posted> {
  const app = o.next(n);
  const p: Posted = { n, itemId: null, sentAt: null, sentWallMs: null, answeredAt: null, refusedAtConnect: 0, retriedAfterSend: 0, failedStatus: null, lateMs };
  const deadline = performance.now() + o.applicationTimeoutMs;
  while (performance.now() < deadline) {
    const at = performance.now();
    const wall = Date.now();
    const result = await attempt(o, app);
    if (p.sentAt === null) {
      if (result.kind === 'refused-at-connect') p.refusedAtConnect += 1;
      else { p.sentAt = at; p.sentWallMs = wall; }
    }
    if (result.kind === 'answered' && result.status === 202) {
      p.answeredAt = performance.now();
      p.itemId = result.itemId;
      return p;
    }
    if (result.kind === 'answered' && result.status !== 503) {
      p.failedStatus = result.status;
      return p;
    }
    if (p.sentAt !== null) p.retriedAfterSend += 1;
    // Refused before anything got through: wait for the port (at once if it is open by now).
    if (result.kind === 'refused-at-connect' && p.sentAt === null && p.refusedAtConnect === 1) await portOpen();
    else await sleep(o.retryPauseMs);
  }
  return p;
}

/** Posts `count` applications on the schedule; resolves when every one has its 202, a refusal or gave up. */
export async function openLoop(o: OpenLoopOptions): Promise<Posted[]> {
  const running: Array<Promise<Posted>> = [];
  const portOpen = portOpening(o.endpoint, o.probeEveryMs);
  for (let n = 0; n < o.count; n++) {
    const due = o.start + n * o.intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    running.push(submit(o, portOpen, n, Math.max(0, performance.now() - due)));
  }
  return Promise.all(running);
}
