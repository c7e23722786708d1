import fs from 'node:fs';
import { IntakeError } from '../../runtime/errors.js';

/** A local account's ids, as /etc/passwd lists them. */
export interface SystemUser {
  name: string;
  uid: number;
  /** Primary group. */
  gid: number;
}

/**
 * Looks an account up in /etc/passwd (Dovecot's own accounts and `nobody` are local ones on
 * Debian, so NSS is not needed).
 * @throws IntakeError INTAKE_INFRA_FAILED when the account does not exist
 */
export function systemUser(name: string): SystemUser {
  for (const line of fs.readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const [n, , uid, gid] = line.split(':');
    if (n === name && uid !== undefined && gid !== undefined) return { name, uid: Number(uid), gid: Number(gid) };
  }
  throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: no local account ${name} in /etc/passwd; run infra/prerequisites.sh as root (dovecot-core creates dovecot and dovenull)`);
}
