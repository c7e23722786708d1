import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { IntakeError } from '../../runtime/errors.js';
import { dovecotConf } from './dovecot-conf.js';
import { longestSocketPath, MAX_SOCKET_PATH, type DovecotPaths } from './paths.js';
import { systemUser, type SystemUser } from './system-users.js';
import { passwdFile, type DovecotUser } from './users.js';

/** The accounts Dovecot's processes run as; all must reach the files prepared for them. */
export interface DovecotAccounts {
  /** `default_internal_user`: the auth process, which reads the passwd file. */
  internal: SystemUser;
  /** Owner of the maildirs; `nobody`. */
  mail: SystemUser;
}

/**
 * Checks that the master can run as configured: as root (it starts its processes as
 * dovenull, dovecot and nobody), with short enough socket paths, in a dir those accounts can
 * traverse.
 * @throws IntakeError INTAKE_INFRA_FAILED naming what to change
 */
export function checkHost(p: DovecotPaths): DovecotAccounts {
  if (process.getuid?.() !== 0) {
    throw new IntakeError('INTAKE_INFRA_FAILED', 'dovecot launcher: must run as root (the Dovecot master drops to dovenull, dovecot and nobody)');
  }
  const len = longestSocketPath(p);
  if (len > MAX_SOCKET_PATH) {
    throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: dir ${p.dir} is too long: its socket paths would be ${len} bytes, the limit is ${MAX_SOCKET_PATH}`);
  }
  // The mail and auth processes are "other" to every folder above the dir (root's home is 0700).
  // Folders still to be created get 0755 (umask 022) from mkdir.
  for (let d = path.dirname(p.dir); ; d = path.dirname(d)) {
    const mode = fs.statSync(d, { throwIfNoEntry: false })?.mode;
    if (mode !== undefined && (mode & 0o001) === 0) {
      throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: ${d} is not searchable by others (mode ${(mode & 0o777).toString(8)}), so nobody and dovecot cannot reach ${p.dir}; use a dir under /tmp`);
    }
    if (d === path.dirname(d)) break;
  }
  systemUser('dovenull');
  return { internal: systemUser('dovecot'), mail: systemUser('nobody') };
}

/**
 * Creates the dir layout with the owners and modes each process needs, and writes the passwd
 * file and dovecot.conf (both rewritten on every start). Existing mail is kept.
 */
export async function writeInstanceFiles(p: DovecotPaths, users: readonly DovecotUser[], port: number, accounts: DovecotAccounts): Promise<void> {
  await fsp.mkdir(p.dir, { recursive: true });
  // mkdtemp makes 0700 dirs: add search (not read) permission for the other accounts.
  const mode = (await fsp.stat(p.dir)).mode & 0o777;
  if ((mode & 0o011) !== 0o011) await fsp.chmod(p.dir, mode | 0o011);
  await fsp.mkdir(p.stateDir, { recursive: true });
  await fsp.mkdir(p.baseDir, { recursive: true });
  await fsp.mkdir(p.mail, { recursive: true, mode: 0o700 });
  await fsp.chown(p.mail, accounts.mail.uid, accounts.mail.gid);

  await fsp.writeFile(p.passwd, passwdFile(users), { mode: 0o640 });
  await fsp.chmod(p.passwd, 0o640); // an existing file keeps its mode on writeFile
  await fsp.chown(p.passwd, 0, accounts.internal.gid);
  await fsp.writeFile(p.conf, dovecotConf({ paths: p, port, mailUid: accounts.mail.uid, mailGid: accounts.mail.gid }));
}
