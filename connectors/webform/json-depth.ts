/**
 * How deeply a JSON text nests, found in one pass without parsing, so that a body nested
 * thousands of levels deep is refused before any recursive code (parser, validator, clone) sees it.
 */

/** True when no array or object in the text is nested deeper than `limit`. */
export function nestsWithin(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return false;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return true;
}
