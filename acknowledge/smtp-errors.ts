/**
 * What an SMTP failure means for an acknowledgement: worth another attempt, or refused for good.
 * The driver's error is not kept as the cause: its text and fields quote the recipient's address
 * ("550 <ayse@…>: unknown user"). What stays is enough to diagnose: the reply code and nodemailer's code.
 */
import type { NodemailerError } from 'nodemailer';
import { IntakeError } from '../runtime/errors.js';

// nodemailer's codes for a connection that failed or ended, rather than a reply refusing the mail.
const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROTOCOL']);

/** RFC 5321: 5yz is final, except 503 (bad sequence of commands: a new session may do). */
function isFinalReply(code: number): boolean {
  return code >= 500 && code < 600 && code !== 503;
}

/** INTAKE_SMTP_UNAVAILABLE (retriable) or INTAKE_SMTP_REJECTED, with the reply code and nodemailer's code. */
export function translateSmtpError(error: unknown): IntakeError {
  if (error instanceof IntakeError) return error;
  const e = (typeof error === 'object' && error !== null ? error : {}) as Partial<NodemailerError>;
  const smtpCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  const reason = typeof e.code === 'string' ? e.code : 'unknown';
  const details = { smtpCode, reason };
  if (smtpCode !== null ? !isFinalReply(smtpCode) : CONNECTION_CODES.has(reason)) {
    return new IntakeError('INTAKE_SMTP_UNAVAILABLE', `The SMTP server did not take the acknowledgement (${smtpCode ?? reason})`, { details });
  }
  return new IntakeError('INTAKE_SMTP_REJECTED', `The SMTP server refused the acknowledgement (${smtpCode ?? reason})`, { details });
}
