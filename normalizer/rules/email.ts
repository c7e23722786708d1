/**
 * E-mail syntax, deliberately modest: one @, a local part of at most 64 octets, a dotted domain,
 * no white space. The domain is lower-cased (it is case-insensitive); the local part is kept.
 */
import { toNfc } from '../turkish/nfc.js';

export function normalizeEmail(raw: string): string | null {
  const value = toNfc(raw).trim();
  const at = value.lastIndexOf('@');
  if (at <= 0 || value.length > 254) return null;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1).toLowerCase();
  // A UTF-16 unit is at most 3 bytes of UTF-8: a local part of 21 or fewer is never too long, and is not measured.
  if ((local.length > 21 && Buffer.byteLength(local) > 64) || /[\s@<>(),;:"\[\]\\]/.test(local)) return null;
  if (!/^(?=.{1,253}$)([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u.test(domain)) return null;
  return `${local}@${domain}`;
}
