/**
 * A forwarded mail's text set under the forwarder's own, in the block Gmail writes, which the
 * extractor already reads as a forwarded message (normalizer/extract/parts.ts): a banner line,
 * then From, Date, Subject and To, a blank line and the forwarded body.
 */

export interface Mailbox {
  readonly address: string | null;
  readonly name: string | null;
}

export interface ForwardedMail {
  readonly from: Mailbox | null;
  /** The Date header as written: mailparser would give the current time for one it cannot parse. */
  readonly date: string | null;
  readonly subject: string | null;
  readonly to: readonly Mailbox[];
  readonly body: string;
}

export const FORWARDED_BANNER = '---------- Forwarded message ---------';

export function formatMailbox(mailbox: Mailbox): string {
  if (mailbox.name === null) return mailbox.address ?? '';
  return mailbox.address === null ? mailbox.name : `${mailbox.name} <${mailbox.address}>`;
}

export function forwardedBlock(mail: ForwardedMail): string {
  const lines = [FORWARDED_BANNER];
  if (mail.from !== null) lines.push(`From: ${formatMailbox(mail.from)}`);
  if (mail.date !== null) lines.push(`Date: ${mail.date}`);
  if (mail.subject !== null) lines.push(`Subject: ${mail.subject}`);
  if (mail.to.length > 0) lines.push(`To: ${mail.to.map(formatMailbox).join(', ')}`);
  return `${lines.join('\n')}\n\n${mail.body}`;
}

/** The forwarder's text, then each forwarded mail's block, a blank line apart. */
export function withForwarded(own: string, forwarded: readonly string[]): string {
  return [own.trimEnd(), ...forwarded].filter((t) => t !== '').join('\n\n');
}
