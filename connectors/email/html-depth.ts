/**
 * Whether HTML nests elements deeper than a bound, in one linear pass, so that html-to-text is
 * never handed markup it takes quadratic time over (htmlparser2 keeps its open elements at the
 * front of an array: 200k nested <b> took 9 s) or whose walk overflows the call stack (at about
 * 2000 levels). The same check mailparser makes before it converts, which it does not export. It
 * follows what htmlparser2 builds: a start tag opens an element (a trailing "/" does not close it
 * in HTML mode), an end tag closes down to the nearest open element of that name and is ignored
 * otherwise, comments are skipped.
 */

// Elements that never hold content: a start tag opens no level.
const VOID_ELEMENTS: ReadonlySet<string> = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Elements the parser closes when a sibling opens (li after li, td after td): an unclosed run of
// them does not nest, and a report with thousands of unclosed cells is sloppy but common markup.
const IMPLIED_END_ELEMENTS: ReadonlySet<string> = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'rt', 'rp']);

function isTagNameChar(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x2d || code === 0x3a || code === 0x5f;
}

/** Returns as soon as the bound is crossed. */
export function nestsDeeperThan(html: string, maxDepth: number): boolean {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let i = html.indexOf('<');
  while (i >= 0) {
    let pos = i + 1;
    if (html.startsWith('!--', pos)) {
      const end = html.indexOf('-->', pos + 3);
      i = end < 0 ? -1 : html.indexOf('<', end + 3);
      continue;
    }
    const closing = html.charCodeAt(pos) === 0x2f;
    if (closing) pos++;
    const nameStart = pos;
    while (pos < html.length && isTagNameChar(html.charCodeAt(pos))) pos++;
    if (pos === nameStart) {
      // Not a tag: "<" is text here.
      i = html.indexOf('<', pos);
      continue;
    }
    const name = html.slice(nameStart, pos).toLowerCase();
    const end = html.indexOf('>', pos);
    if (end < 0) break;
    if (!VOID_ELEMENTS.has(name) && !IMPLIED_END_ELEMENTS.has(name)) {
      if (!closing) {
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
        if (stack.length > maxDepth) return true;
      } else if ((open.get(name) ?? 0) > 0) {
        let popped: string | undefined;
        do {
          popped = stack.pop();
          if (popped !== undefined) open.set(popped, (open.get(popped) ?? 1) - 1);
        } while (popped !== undefined && popped !== name);
      }
    }
    i = html.indexOf('<', end + 1);
  }
  return false;
}
