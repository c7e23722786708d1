/**
 * Reads each TIFF page's horizontal and vertical resolution. Fax pixels are not square (a "fine"
 * G3/G4 fax is 204 × 196 dpi, a "normal" one 204 × 98), and sharp's metadata reports only the
 * horizontal density, so the IFDs are walked here. Only classic TIFF; BigTIFF gives no answer.
 */

export interface Resolution { x: number; y: number }

const X_RESOLUTION = 282;
const Y_RESOLUTION = 283;
const RATIONAL = 5;
const IFD_ENTRY_BYTES = 12;

/** A reader that answers undefined instead of throwing past the end of the buffer. */
function reader(bytes: Buffer, littleEndian: boolean) {
  const fits = (at: number, size: number): boolean => at >= 0 && at + size <= bytes.length;
  return {
    u16: (at: number): number | undefined => (fits(at, 2) ? (littleEndian ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at)) : undefined),
    u32: (at: number): number | undefined => (fits(at, 4) ? (littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at)) : undefined),
  };
}

/**
 * The resolution of each page, in IFD order, for at most `maxPages` pages; undefined for a page
 * that does not state both.
 */
export function tiffResolutions(bytes: Buffer, maxPages: number): Array<Resolution | undefined> {
  const order = bytes.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return [];
  const read = reader(bytes, order === 'II');
  if (read.u16(2) !== 42) return [];
  const pages: Array<Resolution | undefined> = [];
  const seen = new Set<number>();
  let ifd = read.u32(4) ?? 0;
  // A hostile file can chain IFDs into a loop; `seen` and `maxPages` end the walk.
  while (ifd !== 0 && !seen.has(ifd) && pages.length < maxPages) {
    seen.add(ifd);
    const count = read.u16(ifd);
    if (count === undefined) break;
    const rational = (entry: number): number | undefined => {
      if (read.u16(entry + 2) !== RATIONAL) return undefined;
      const at = read.u32(entry + 8);
      if (at === undefined) return undefined;
      const numerator = read.u32(at);
      const denominator = read.u32(at + 4);
      return numerator && denominator ? numerator / denominator : undefined;
    };
    let x: number | undefined;
    let y: number | undefined;
    for (let i = 0; i < count; i++) {
      const entry = ifd + 2 + i * IFD_ENTRY_BYTES;
      const tag = read.u16(entry);
      if (tag === X_RESOLUTION) x = rational(entry);
      else if (tag === Y_RESOLUTION) y = rational(entry);
    }
    pages.push(x && y ? { x, y } : undefined);
    ifd = read.u32(ifd + 2 + count * IFD_ENTRY_BYTES) ?? 0;
  }
  return pages;
}
