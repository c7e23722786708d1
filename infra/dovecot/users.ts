import { IntakeError } from '../../runtime/errors.js';

/** An IMAP login of the test server. */
export interface DovecotUser {
  user: string;
  /** Plaintext; this server is for tests only. */
  password: string;
}

/** Used when `startDovecot` is given no users. */
export const DEFAULT_USERS: readonly DovecotUser[] = Object.freeze([Object.freeze({ user: 'intake', password: 'intake-test' })]);

// The name is a directory under mail/ and a passwd-file field; the password a passwd-file field.
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@+-]*$/;

/**
 * Checks the users and freezes a copy.
 * @throws IntakeError INTAKE_INFRA_FAILED for an empty list, a duplicate, a name that is not a
 *   plain login (letters, digits, `._@+-`) or a password with `:`, a line break or nothing in it
 */
export function checkUsers(users: readonly DovecotUser[]): readonly DovecotUser[] {
  if (users.length === 0) throw new IntakeError('INTAKE_INFRA_FAILED', 'dovecot launcher: users must list at least one user');
  const seen = new Set<string>();
  users.forEach((u, i) => {
    if (!USER_NAME.test(u.user) || u.user.includes('..')) throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: users[${i}].user is not a plain login name`);
    if (seen.has(u.user)) throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: users[${i}].user is listed twice`);
    seen.add(u.user);
    if (u.password.length === 0 || /[:\r\n\0]/.test(u.password)) throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: users[${i}].password is empty or has ':' or a line break`);
  });
  return Object.freeze(users.map((u) => Object.freeze({ user: u.user, password: u.password })));
}

/**
 * The passdb in passwd-file format, `user:{PLAIN}password` plus the empty uid, gid, gecos, home,
 * shell and extra fields (the static userdb supplies those).
 */
export function passwdFile(users: readonly DovecotUser[]): string {
  return users.map((u) => `${u.user}:{PLAIN}${u.password}::::::\n`).join('');
}
