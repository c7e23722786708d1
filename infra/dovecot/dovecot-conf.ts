import type { DovecotPaths } from './paths.js';
import { HOST } from './ports.js';

/** What dovecot.conf is made from. */
export interface DovecotConfInput {
  paths: DovecotPaths;
  port: number;
  /** Owner of every maildir: Dovecot refuses to access mail as root. */
  mailUid: number;
  mailGid: number;
}

/**
 * A self-contained Dovecot 2.3 configuration (nothing from /etc/dovecot is read), for a master
 * started as root: logins run as `dovenull`, auth as `dovecot`, mail access as `mailUid`.
 * IMAP only, plaintext LOGIN/AUTHENTICATE PLAIN without TLS on loopback, Maildir++ per user under
 * `mail/`. IDLE is part of Dovecot's default capabilities.
 */
export function dovecotConf({ paths: p, port, mailUid, mailGid }: DovecotConfInput): string {
  return `# Written by infra/dovecot on every start; edits are lost.
protocols = imap
listen = ${HOST}
base_dir = ${p.baseDir}
state_dir = ${p.stateDir}
# Keeps this instance apart from a system Dovecot in log lines and process titles.
instance_name = intake-test-dovecot
log_path = ${p.log}
auth_verbose = yes

default_login_user = dovenull
default_internal_user = dovecot

ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Logins are case-sensitive and used as given (2.3's default %Lu would lowercase them).
auth_username_format = %u

passdb {
  driver = passwd-file
  args = scheme=PLAIN ${p.passwd}
}
userdb {
  driver = static
  args = uid=${mailUid} gid=${mailGid} home=${p.mail}/%u
}
first_valid_uid = ${mailUid}
first_valid_gid = ${mailGid}

mail_location = maildir:~
namespace inbox {
  inbox = yes
  separator = /
}

service imap-login {
  inet_listener imap {
    address = ${HOST}
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
}
