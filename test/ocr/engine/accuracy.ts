/**
 * Character accuracy of a reading against the text that was drawn: 1 − edit distance / length,
 * after folding runs of whitespace (line breaks and paragraph gaps are layout, not characters).
 */

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const fold = (text: string): string => text.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** 1 for a perfect reading; can fall below 0 for a reading longer than the text and all wrong. */
export function characterAccuracy(expected: string, read: string): number {
  const want = fold(expected);
  return 1 - editDistance(want, fold(read)) / Math.max(1, want.length);
}
