/**
 * The few facts about an e-mail address an acknowledgement needs: can it be written to, is it ours,
 * is it a machine's. Deliberately modest syntax: one address, no display name, no quoting.
 */

const MAX_ADDRESS_OCTETS = 254;
const MAX_LOCAL_OCTETS = 64;
// Characters that make an address anything but a plain one (and CR or LF a header injection).
const NOT_PLAIN = /[\s\p{Cc}<>(),;:"[\]\\]/u;
const DOMAIN = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u;
/**
 * Mailboxes that machines answer from: delivery reports (mailer-daemon, postmaster), no-reply
 * senders and list robots. The connector already sets their mail aside by its header; an emergency
 * report is never set aside, so this is the last guard against answering a machine.
 */
const MACHINE_LOCAL_PART = /^(?:mailer-daemon|postmaster|no-?reply|do-?not-?reply|listserv|majordomo|owner-.+|.+-(?:request|owner|bounces?))$/i;

/**
 * The address when it is one plain, writable address, its domain lower-cased (the local part is
 * the recipient's business); null for anything else.
 */
export function plainAddress(raw: string): string | null {
  const value = raw.normalize('NFC');
  const at = value.lastIndexOf('@');
  if (at <= 0 || Buffer.byteLength(value) > MAX_ADDRESS_OCTETS || NOT_PLAIN.test(value)) return null;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  if (Buffer.byteLength(local) > MAX_LOCAL_OCTETS || local.includes('@') || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return null;
  return DOMAIN.test(domain) ? `${local}@${domain}` : null;
}

/** The address of a From such as `İGDAŞ Çağrı Merkezi <basvuru@igdas.example>`, or a bare address. */
export function addressOfMailbox(mailbox: string): string | null {
  const angle = /<([^<>]+)>\s*$/.exec(mailbox);
  return plainAddress((angle?.[1] ?? mailbox).trim());
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** Addresses and domains of ours, lower-cased, as {@link isOwnAddress} compares them. */
export interface OwnMail { addresses: ReadonlySet<string>; domains: readonly string[] }

export function ownMail(addresses: readonly string[], domains: readonly string[]): OwnMail {
  return { addresses: new Set(addresses.map((a) => a.trim().toLowerCase())), domains: domains.map((d) => d.trim().toLowerCase()) };
}

/** Ours: one of our addresses, or any address at one of our domains or below it. */
export function isOwnAddress(address: string, own: OwnMail): boolean {
  const domain = domainOf(address);
  return own.addresses.has(address.toLowerCase()) || own.domains.some((d) => domain === d || domain.endsWith(`.${d}`));
}

export function isMachineAddress(address: string): boolean {
  return MACHINE_LOCAL_PART.test(address.slice(0, address.lastIndexOf('@')));
}
