/**
 * One IMAP folder as a pull source. Which mails are new is kept in the mailbox itself, as a
 * keyword of ours set on acknowledgement, not as a remembered UID: a person reading the mailbox
 * in a mail client (which sets \Seen) cannot hide a mail from the intake, and a UIDVALIDITY change
 * (the folder rebuilt) renumbers mails without losing any. Where the server refuses keywords,
 * unseen mail is read (and, with `moveTo`, whatever is still in the folder).
 *
 * New mail is announced over IDLE (imapflow's `exists` event); without a notice the folder is
 * searched again every poll interval. The mailbox lock is held only while searching, fetching or
 * flagging, and released in `finally`. Mails are fetched in batches bounded by count and bytes; a
 * mail over `maxMessageBytes` is not downloaded: only its headers are, for the dead letter.
 */
import { ImapFlow } from 'imapflow';
import type { Defaulted } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';
import type { EmailConfig } from '../../schemas/types.generated.js';
import type { PullSource } from '../pull-source.js';

type Settings = Defaulted<EmailConfig>;
export type MailboxSettings = Settings['mailboxes'][number];

/** The keyword that marks a mail the intake has captured. */
export const CAPTURED = '$IntakeCaptured';

export interface PulledMail {
  readonly mailbox: string;
  readonly uid: number;
  readonly uidValidity: bigint;
  /** When the server received it: the item's receivedAt, the same on every fetch. */
  readonly internalDate: Date | null;
  readonly size: number;
  /** The whole message; null when it was over `maxMessageBytes` (then `headers` holds its header block). */
  readonly raw: Buffer | null;
  readonly headers: Buffer | null;
}

interface Limits {
  batchMaxMails: number;
  batchMaxBytes: number;
  maxMessageBytes: number;
  idleDelayMs: number;
  pollSeconds: number;
}

/** Creates a folder when missing; an existing one is fine. */
async function ensureFolder(client: ImapFlow, path: string): Promise<void> {
  const result = await client.mailboxCreate(path).catch((error: unknown) => {
    // Servers say "already exists" in their own words; look before giving up.
    return { failed: error };
  });
  if ('failed' in result) {
    const folders = await client.list();
    if (!folders.some((f) => f.path === path)) throw result.failed;
  }
}

/** Sorted UIDs as an IMAP set, e.g. `3:5,9`. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++;
    ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(',');
}

/** `onConnected`: told each time a connection is open and the folder checked (for `/readyz`). */
export function imapSource(mailbox: MailboxSettings, password: string, limits: Limits, onConnected?: () => void): PullSource<PulledMail> {
  let client: ImapFlow | null = null;
  let keywords = false;
  let wake: (() => void) | null = null;
  let announced = false;
  // Handed out and not yet acknowledged or released: a search made meanwhile must not hand them out again.
  const inFlight = new Set<number>();
  const forget = (items: readonly PulledMail[]): void => { for (const m of items) inFlight.delete(m.uid); };

  const connect = async (): Promise<ImapFlow> => {
    if (client?.usable) return client;
    await client?.logout().catch(() => undefined);
    const fresh = new ImapFlow({
      host: mailbox.host, port: mailbox.port, secure: mailbox.secure, auth: { user: mailbox.user, pass: password },
      logger: false, autoIdleDelay: limits.idleDelayMs, connectionTimeout: 15_000, greetingTimeout: 15_000,
    });
    // A notice of new mail wakes the wait at once.
    fresh.on('exists', () => { announced = true; wake?.(); });
    // Without a listener an 'error' event would end the process; the next command fails and resets.
    fresh.on('error', () => undefined);
    fresh.on('close', () => wake?.());
    await fresh.connect();
    if (mailbox.moveTo !== null) await ensureFolder(fresh, mailbox.moveTo);
    await ensureFolder(fresh, mailbox.failedFolder);
    const lock = await fresh.getMailboxLock(mailbox.folder);
    try {
      const flags = fresh.mailbox === false ? undefined : fresh.mailbox.permanentFlags;
      keywords = flags?.has('\\*') === true || flags?.has(CAPTURED) === true;
    } finally {
      lock.release();
    }
    if (!keywords && !mailbox.markSeen && mailbox.moveTo === null) {
      await fresh.logout().catch(() => undefined);
      throw new IntakeError('INTAKE_CONFIG_INVALID', `connectors.email.mailboxes (${mailbox.id}): the server keeps no keywords, so markSeen or moveTo must be set, or every mail is read again and again`);
    }
    client = fresh;
    onConnected?.();
    return fresh;
  };

  const waitForMail = (signal: AbortSignal): Promise<void> => new Promise((resolve) => {
    if (announced || signal.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      wake = null;
      resolve();
    };
    const timer = setTimeout(done, limits.pollSeconds * 1000);
    signal.addEventListener('abort', done, { once: true });
    wake = done;
  });

  /** The mails not yet captured, oldest first. */
  const search = async (imap: ImapFlow): Promise<number[]> => {
    const query = keywords ? { unKeyword: CAPTURED } : mailbox.moveTo === null ? { seen: false } : { all: true };
    const found = await imap.search(query, { uid: true });
    return (found === false || found === undefined ? [] : found).sort((a, b) => a - b);
  };

  /** The first mails that fit the batch's bounds: at least one, however large. */
  const batchOf = async (imap: ImapFlow, uids: number[]): Promise<{ uid: number; size: number; internalDate: Date | null }[]> => {
    const sized: { uid: number; size: number; internalDate: Date | null }[] = [];
    for await (const m of imap.fetch(uidSet(uids.slice(0, limits.batchMaxMails)), { uid: true, size: true, internalDate: true }, { uid: true })) {
      const internalDate = m.internalDate === undefined ? null : new Date(m.internalDate);
      sized.push({ uid: m.uid, size: m.size ?? 0, internalDate: internalDate !== null && Number.isFinite(internalDate.getTime()) ? internalDate : null });
    }
    sized.sort((a, b) => a.uid - b.uid);
    const batch: typeof sized = [];
    let bytes = 0;
    for (const m of sized) {
      const counted = Math.min(m.size, limits.maxMessageBytes);
      if (batch.length > 0 && bytes + counted > limits.batchMaxBytes) break;
      batch.push(m);
      bytes += counted;
    }
    return batch;
  };

  const download = async (imap: ImapFlow, uids: number[], what: 'source' | 'headers'): Promise<Map<number, Buffer>> => {
    const out = new Map<number, Buffer>();
    if (uids.length === 0) return out;
    const query = what === 'source' ? { uid: true, source: true } : { uid: true, headers: true };
    for await (const m of imap.fetch(uidSet(uids), query, { uid: true })) {
      const bytes = what === 'source' ? m.source : m.headers;
      if (bytes !== undefined) out.set(m.uid, bytes);
    }
    return out;
  };

  const store = async (items: readonly PulledMail[], destination: string | null, seen: boolean): Promise<void> => {
    const imap = await connect();
    const lock = await imap.getMailboxLock(mailbox.folder);
    try {
      const current = imap.mailbox === false ? null : imap.mailbox.uidValidity;
      // After a UIDVALIDITY change these UIDs name other mails: leave them, they are pulled again
      // under their new UIDs and their ids make them the same items.
      const uids = items.filter((m) => m.uidValidity === current).map((m) => m.uid);
      if (uids.length === 0) return;
      const set = uidSet(uids);
      const flags = [...(keywords ? [CAPTURED] : []), ...(seen ? ['\\Seen'] : [])];
      if (flags.length > 0) await imap.messageFlagsAdd(set, flags, { uid: true });
      if (destination !== null) await imap.messageMove(set, destination, { uid: true });
    } finally {
      lock.release();
    }
  };

  return {
    async next(signal) {
      const imap = await connect();
      announced = false;
      let uids: number[];
      let pulled: PulledMail[] = [];
      const lock = await imap.getMailboxLock(mailbox.folder);
      try {
        if (imap.mailbox === false) throw new IntakeError('INTAKE_INPUT_UNREADABLE', `mailbox ${mailbox.id}: folder not selected`, { retriable: true });
        const uidValidity = imap.mailbox.uidValidity;
        uids = (await search(imap)).filter((uid) => !inFlight.has(uid));
        if (uids.length > 0) {
          const batch = await batchOf(imap, uids);
          const small = batch.filter((m) => m.size <= limits.maxMessageBytes).map((m) => m.uid);
          const large = batch.filter((m) => m.size > limits.maxMessageBytes).map((m) => m.uid);
          const sources = await download(imap, small, 'source');
          const headers = await download(imap, large, 'headers');
          pulled = batch
            // A mail expunged between the search and the fetch is simply gone.
            .filter((m) => sources.has(m.uid) || headers.has(m.uid))
            .map((m) => ({ mailbox: mailbox.id, uid: m.uid, uidValidity, internalDate: m.internalDate, size: m.size, raw: sources.get(m.uid) ?? null, headers: headers.get(m.uid) ?? null }));
          for (const m of pulled) inFlight.add(m.uid);
        }
      } finally {
        lock.release();
      }
      if (pulled.length === 0) await waitForMail(signal);
      return pulled;
    },
    async ack(items) {
      await store(items, mailbox.moveTo, mailbox.markSeen);
      forget(items);
    },
    async reject(items) {
      await store(items, mailbox.failedFolder, false);
      forget(items);
    },
    release: forget,
    async reset() {
      // A new connection may see another UIDVALIDITY: nothing is in flight under it.
      inFlight.clear();
      const old = client;
      client = null;
      await old?.logout().catch(() => old.close());
    },
    async close() {
      wake?.();
      const old = client;
      client = null;
      await old?.logout().catch(() => old.close());
    },
  };
}
