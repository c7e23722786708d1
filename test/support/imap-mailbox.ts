/**
 * Test helpers that put mails into and read them out of a Dovecot started by infra/dovecot,
 * over IMAP with imapflow: one short connection per call, the mailbox lock released in finally.
 */
import { ImapFlow } from 'imapflow';
import type { DovecotServer } from '../../infra/dovecot/server.js';

/** A mail as the server lists it. */
export interface ListedMail {
  /** The mailbox's UIDVALIDITY when listed: with `uid`, the mail's key. */
  uidValidity: bigint;
  uid: number;
  /** Stored flags and keywords, sorted; `\\Recent` is left out. */
  flags: string[];
  /** From the envelope, with its angle brackets; null when the mail has none. */
  messageId: string | null;
}

/** What an APPEND was given by the server (UIDPLUS). */
export interface AppendedMail {
  uid: number;
  uidValidity: bigint;
}

/** Runs `fn` with a client logged in as `user`, and logs out after. */
export async function withImap<T>(server: DovecotServer, user: string, fn: (client: ImapFlow) => Promise<T>): Promise<T> {
  const login = server.users.find((u) => u.user === user);
  if (!login) throw new Error(`withImap: the server has no user ${user}`);
  const client = new ImapFlow({ host: server.host, port: server.port, secure: false, auth: { user: login.user, pass: login.password }, logger: false });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** Creates `mailbox` unless it exists (`INBOX` always does). */
export async function ensureMailbox(server: DovecotServer, user: string, mailbox: string): Promise<void> {
  if (mailbox.toUpperCase() === 'INBOX') return;
  await withImap(server, user, async (client) => {
    await client.mailboxCreate(mailbox); // answers { created: false } on ALREADYEXISTS
  });
}

/**
 * Appends a raw RFC 5322 mail to `mailbox` (created if missing).
 * @param flags e.g. `['\\Seen']`; none by default, so the mail is unseen
 */
export async function appendMail(server: DovecotServer, user: string, mailbox: string, raw: Buffer, flags: string[] = []): Promise<AppendedMail> {
  await ensureMailbox(server, user, mailbox);
  return withImap(server, user, async (client) => {
    const res = await client.append(mailbox, raw, flags);
    if (!res || res.uid === undefined || res.uidValidity === undefined) throw new Error(`appendMail: the server did not return the new UID (no UIDPLUS?)`);
    return { uid: res.uid, uidValidity: res.uidValidity };
  });
}

/** Every mail in `mailbox`, in UID order. */
export async function listMailbox(server: DovecotServer, user: string, mailbox: string): Promise<ListedMail[]> {
  return withImap(server, user, async (client) => {
    const lock = await client.getMailboxLock(mailbox, { readOnly: true });
    try {
      const box = client.mailbox;
      if (!box) throw new Error(`listMailbox: ${mailbox} did not open`);
      const mails: ListedMail[] = [];
      if (box.exists > 0) {
        for (const m of await client.fetchAll('1:*', { uid: true, flags: true, envelope: true })) {
          // \Recent belongs to the session that first sees a mail, not to the mail: left out.
          const flags = [...(m.flags ?? [])].filter((f) => f !== '\\Recent').sort();
          mails.push({ uidValidity: box.uidValidity, uid: m.uid, flags, messageId: m.envelope?.messageId ?? null });
        }
      }
      mails.sort((a, b) => a.uid - b.uid);
      return mails;
    } finally {
      lock.release();
    }
  });
}
