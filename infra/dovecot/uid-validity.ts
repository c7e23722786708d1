import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { IntakeError } from '../../runtime/errors.js';

/**
 * Makes Dovecot forget the UIDs of one Maildir while it is stopped, keeping the mails: the next
 * access rescans `cur/` and `new/`, numbers every mail again from 1 and assigns a new UIDVALIDITY
 * (taken from the user's `dovecot-uidvalidity`, so always higher than the last one). Flags live
 * in the file names and keywords in `dovecot-keywords`, so both survive.
 *
 * Removed: the maildir's `dovecot-uidlist` (UIDs and UIDVALIDITY) and `dovecot.index*` (whose
 * header repeats them), and the user's `dovecot.list.index*` (which caches each mailbox's
 * UIDVALIDITY for STATUS and LIST-STATUS).
 * @param maildir the mailbox's folder
 * @param mailRoot the user's Maildir++ root (the INBOX folder)
 * @throws IntakeError INTAKE_INFRA_FAILED when the maildir does not exist
 */
export async function forgetUids(maildir: string, mailRoot: string): Promise<void> {
  assertMaildir(maildir);
  await removeMatching(maildir, (f) => f === 'dovecot-uidlist' || f.startsWith('dovecot.index'));
  await removeMatching(mailRoot, (f) => f.startsWith('dovecot.list.index'));
}

/** @throws IntakeError INTAKE_INFRA_FAILED when `maildir` is not a Maildir (no `cur/`) */
export function assertMaildir(maildir: string): void {
  if (!fs.existsSync(path.join(maildir, 'cur'))) {
    throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: no maildir at ${maildir}; create the mailbox first`);
  }
}

async function removeMatching(dir: string, match: (file: string) => boolean): Promise<void> {
  for (const f of await fsp.readdir(dir)) {
    if (match(f)) await fsp.rm(path.join(dir, f), { force: true });
  }
}
