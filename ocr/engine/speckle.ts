/**
 * How speckled a page is: the share of its dark pixels that stand alone, with no dark neighbour
 * among the eight around them. Line noise on a fax and scanner dust are single dots; strokes of
 * text never are. Clean faxes and renders measure under 0.001, faxes with 0.3% salt-and-pepper
 * noise about 0.1 (test/ocr/engine/cleanup.test.ts).
 */

/** Grey levels under this count as ink. */
const DARK = 128;

/**
 * @param grey one byte per pixel, row after row
 * @returns 0..1 (0 for a page with no ink)
 */
export function speckleRatio(grey: Uint8Array, width: number, height: number): number {
  let dark = 0;
  let alone = 0;
  for (let y = 1; y < height - 1; y++) {
    const row = y * width;
    for (let x = 1; x < width - 1; x++) {
      const i = row + x;
      if (grey[i]! >= DARK) continue;
      dark++;
      const above = i - width;
      const below = i + width;
      if (grey[i - 1]! >= DARK && grey[i + 1]! >= DARK
        && grey[above - 1]! >= DARK && grey[above]! >= DARK && grey[above + 1]! >= DARK
        && grey[below - 1]! >= DARK && grey[below]! >= DARK && grey[below + 1]! >= DARK) alone++;
    }
  }
  return dark === 0 ? 0 : alone / dark;
}
