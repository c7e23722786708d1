/**
 * Sözleşme Hesap Numarası: digits only; people type it with spaces or dashes between groups.
 * The utility's numbers are 6 to 12 digits long.
 */
export function normalizeContractAccount(raw: string): string | null {
  const digits = raw.normalize('NFKC').replace(/[\s.\-]/g, '');
  return /^[0-9]{6,12}$/.test(digits) ? digits : null;
}
