/**
 * What the CRM database can store. PostgreSQL refuses a lone UTF-16 surrogate (`\ud800`) and
 * U+0000 in `jsonb` and `text` (SQLSTATE 22P02 / 22021): a field holding one would turn an
 * accepted application into a dead letter. Connectors repair text here, at the boundary, and the
 * sink applies the same repair once more before it writes, so nothing accepted is refused for its
 * content. Linear in the text's length.
 */

// A high surrogate not followed by a low one, or a low one not preceded by a high one; and NUL.
const UNSTORABLE_SOURCE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]|\\u0000';
const UNSTORABLE_ONE = new RegExp(UNSTORABLE_SOURCE);
const UNSTORABLE_ALL = new RegExp(UNSTORABLE_SOURCE, 'g');

/** The text with lone surrogates made U+FFFD and NUL characters removed; the same string when clean. */
export function storableText(text: string): string {
  if (!UNSTORABLE_ONE.test(text)) return text;
  return text.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));
}

/** Whether {@link storableText} would change the text. */
export function isStorableText(text: string): boolean {
  return storableText(text) === text;
}

/** A deep copy of a JSON value whose strings (keys included) are storable. */
export function storableJson<T>(value: T): T {
  return repair(value) as T;
}

function repair(value: unknown): unknown {
  if (typeof value === 'string') return storableText(value);
  if (Array.isArray(value)) return value.map(repair);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      // defineProperty, so that a key named __proto__ stays data and never becomes a prototype.
      Object.defineProperty(out, storableText(key), { value: repair(inner), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
