/** What the e-mail acknowledgement needs of its configuration, checked and prepared once at start. */
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { addressOfMailbox, ownMail, type OwnMail } from './mail-address.js';
import type { SmtpOptions } from './smtp-sender.js';

export type EmailAcknowledgementConfig = Config['acknowledgements']['email'];

export interface EmailAcknowledgementSettings {
  /** Of the From, e.g. `İGDAŞ Çağrı Merkezi <basvuru@igdas.example>`. */
  from: {
    address: string;
    /** The display name, signing the body; null for a bare address. */
    name: string | null;
  };
  /** Ours, the From's address included: never answered. */
  own: OwnMail;
  maxAgeHours: number;
}

function displayName(mailbox: string): string | null {
  const name = mailbox.replace(/<[^<>]*>\s*$/, '').trim().replace(/^"(.*)"$/, '$1').trim();
  return name === '' || name.includes('@') ? null : name;
}

/**
 * @throws IntakeError INTAKE_CONFIG_INVALID naming `acknowledgements.email.from` when it holds no
 *   usable address (the schema refuses most such values already)
 */
export function emailAcknowledgementSettings(config: Pick<EmailAcknowledgementConfig, 'from' | 'ownAddresses' | 'ownDomains' | 'maxAgeHours'>): EmailAcknowledgementSettings {
  const address = config.from === null ? null : addressOfMailbox(config.from);
  if (config.from === null || address === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.email.from: an address of ours is required to send acknowledgements');
  return {
    from: { address, name: displayName(config.from) },
    own: ownMail([address, ...config.ownAddresses], config.ownDomains),
    maxAgeHours: config.maxAgeHours,
  };
}

/**
 * The server to send through. The schema refuses an enabled acknowledgement without a host or a
 * From, and a user without a password; these checks say so again where the types need it.
 * @throws IntakeError INTAKE_CONFIG_INVALID naming the key
 */
export function smtpOptionsOf(config: EmailAcknowledgementConfig): SmtpOptions {
  const { host, port, secure, user } = config.smtp;
  if (host === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.email.smtp.host: required when acknowledgements are enabled');
  if (config.from === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.email.from: required when acknowledgements are enabled');
  if (user !== null && config.password === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.email.password (INTAKE_SMTP_PASSWORD): required when smtp.user is set');
  return { host, port, secure, auth: user === null || config.password === null ? null : { user, password: config.password }, from: config.from };
}
