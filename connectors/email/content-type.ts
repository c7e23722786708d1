/**
 * Content-Type and Content-Disposition values (RFC 2045, 2183) as the MIME walk needs them: the
 * lower-cased type and the parameters, quoted strings and comments handled. Linear in the value.
 */

export interface HeaderValue {
  /** Lower-cased, '' when the value names none. */
  readonly value: string;
  /** Parameter names lower-cased; the first of a repeated name wins, as in mailsplit. */
  readonly params: ReadonlyMap<string, string>;
}

/** Splits at `;` outside quotes, dropping comments `( … )` outside quotes. */
function segments(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let comment = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      current += c;
      if (c === '\\' && i + 1 < text.length) current += text[++i] as string;
      else if (c === '"') quoted = false;
    } else if (comment > 0) {
      if (c === '(') comment++;
      else if (c === ')') comment--;
      else if (c === '\\') i++;
    } else if (c === '(') {
      comment = 1;
    } else if (c === ';') {
      out.push(current);
      current = '';
    } else {
      if (c === '"') quoted = true;
      current += c;
    }
  }
  out.push(current);
  return out;
}

function unquote(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith('"')) return trimmed;
  const inner = trimmed.endsWith('"') && trimmed.length > 1 ? trimmed.slice(1, -1) : trimmed.slice(1);
  return inner.replace(/\\(.)/g, '$1');
}

export function parseHeaderValue(text: string): HeaderValue {
  const [first = '', ...rest] = segments(text);
  const params = new Map<string, string>();
  for (const segment of rest) {
    const eq = segment.indexOf('=');
    if (eq <= 0) continue;
    const name = segment.slice(0, eq).trim().toLowerCase();
    if (!params.has(name)) params.set(name, unquote(segment.slice(eq + 1)));
  }
  return { value: first.trim().toLowerCase(), params };
}
