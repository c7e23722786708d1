/**
 * T.C. Kimlik Numarası check: 11 digits, the first not 0;
 * d10 = ((d1+d3+d5+d7+d9)*7 − (d2+d4+d6+d8)) mod 10 (non-negative) and d11 = (d1+…+d10) mod 10.
 */

/** Strips the spaces, dots and dashes people type between digit groups. */
export function cleanNationalId(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s.\-]/g, '');
}

/** True when `id` (already cleaned) passes the T.C. Kimlik No checksum. */
export function isValidNationalId(id: string): boolean {
  if (!/^[1-9][0-9]{10}$/.test(id)) return false;
  // Read in place: the extractor asks this of every number in a text.
  const digit = (i: number): number => id.charCodeAt(i) - 0x30;
  const odd = digit(0) + digit(2) + digit(4) + digit(6) + digit(8);
  const even = digit(1) + digit(3) + digit(5) + digit(7);
  const d10 = (((odd * 7 - even) % 10) + 10) % 10;
  const d11 = (odd + even + digit(9)) % 10;
  return digit(9) === d10 && digit(10) === d11;
}
