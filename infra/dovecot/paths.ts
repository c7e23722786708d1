import path from 'node:path';
import { IntakeError } from '../../runtime/errors.js';

/** Every file the launcher reads or writes, as absolute paths. */
export interface DovecotPaths {
  /** The instance's dir, e.g. a temp dir or `.intake/test-dovecot`. */
  dir: string;
  /** `dovecot.conf`, rewritten on every start. */
  conf: string;
  /** `users.passwd`: the passdb, plaintext test passwords. */
  passwd: string;
  /** `mail/`: one Maildir++ per user under it, owned by the mail user. */
  mail: string;
  /** `run/`: Dovecot's `base_dir` (sockets, `master.pid`). */
  baseDir: string;
  /** `run/master.pid`, written by Dovecot itself. */
  masterPid: string;
  /** `state/`: Dovecot's `state_dir`, so nothing is written under /var/lib/dovecot. */
  stateDir: string;
  /** `dovecot.log`: `log_path`, plus the master's stdout and stderr (config errors). */
  log: string;
  /** `dovecot.owner.json`: which process started the running instance. */
  owner: string;
}

// Unix socket paths are limited to 107 bytes; the longest Dovecot puts under base_dir is
// `token-login/imap-urlauth`.
const LONGEST_SOCKET = 'token-login/imap-urlauth';
export const MAX_SOCKET_PATH = 107;

/** Resolves the layout from the launcher's `dir` (a relative path against the cwd). */
export function dovecotPaths(dir: string): DovecotPaths {
  const d = path.resolve(dir);
  const baseDir = path.join(d, 'run');
  return {
    dir: d,
    conf: path.join(d, 'dovecot.conf'),
    passwd: path.join(d, 'users.passwd'),
    mail: path.join(d, 'mail'),
    baseDir,
    masterPid: path.join(baseDir, 'master.pid'),
    stateDir: path.join(d, 'state'),
    log: path.join(d, 'dovecot.log'),
    owner: path.join(d, 'dovecot.owner.json'),
  };
}

/** Length of the longest socket path Dovecot will create under `baseDir`. */
export function longestSocketPath(p: DovecotPaths): number {
  return Buffer.byteLength(path.join(p.baseDir, LONGEST_SOCKET));
}

/**
 * The Maildir++ folder of a mailbox: `INBOX` is the user's mail root, `A/B` is `.A.B` under it
 * (the namespace separator is `/`; Maildir++ stores the hierarchy with dots). ASCII names only:
 * Dovecot stores other names in modified UTF-7.
 */
export function maildirOf(p: DovecotPaths, user: string, mailbox: string): string {
  if (!/^[\x20-\x7e]+$/.test(mailbox) || /[.\\]|^\/|\/$|\/\//.test(mailbox)) {
    throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: unsupported mailbox name for a Maildir++ path (printable ASCII, no dots, '/' between levels)`);
  }
  const root = path.join(p.mail, user);
  if (mailbox.toUpperCase() === 'INBOX') return root;
  return path.join(root, `.${mailbox.split('/').join('.')}`);
}
