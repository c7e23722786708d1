/**
 * Delivers one `.eml` fixture into the configured mailbox with IMAP APPEND, as a mail server
 * would deliver it; the running daemon then reads it like any other mail. The item id is the one
 * the connector will give it, so the caller can look for its outcome.
 */
import { ImapFlow } from 'imapflow';
import { keepNothingBlobStore } from '../../runtime/blob-store.js';
import { IntakeError } from '../../runtime/errors.js';
import type { ReplayResult, ReplayTarget } from '../types.js';
import { defaultMailLimits } from './limits.js';
import { readMail } from './read-mail.js';

export async function replayMailFile(file: Buffer, target: ReplayTarget): Promise<ReplayResult> {
  const mailbox = target.mailbox;
  if (mailbox === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'connectors.email.mailboxes: no mailbox to deliver e-mail fixtures into');
  const reading = await readMail(file, { receivedAt: new Date(), limits: defaultMailLimits, blobStore: keepNothingBlobStore() });
  const client = new ImapFlow({ host: mailbox.host, port: mailbox.port, secure: mailbox.secure, auth: { user: mailbox.user, pass: mailbox.password }, logger: false });
  try {
    await client.connect();
    const appended = await client.append(mailbox.folder, file);
    return { status: appended === false ? 0 : 200, itemId: reading.ok ? reading.item.itemId : null, body: appended === false ? null : { uid: appended.uid ?? null } };
  } finally {
    await client.logout().catch(() => client.close());
  }
}
