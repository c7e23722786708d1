/**
 * What the CRM database can store. PostgreSQL refuses a lone UTF-16 surrogate (`\ud800`) and
 * U+0000 in `jsonb` and `text` (SQLSTATE 22P02 / 22021): a field holding one would turn an
 * accepted application into a dead letter. Connectors repair text here, at the boundary, and the
 * sink applies the same repair once more before it writes, so nothing accepted is refused for its
 * content. Linear in the text's length.
 */
import { jsonOnce } from './json-once.js';

// A high surrogate not followed by a low one, or a low one not preceded by a high one; and NUL.
const UNSTORABLE_SOURCE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]|\\u0000';
const UNSTORABLE_ONE = new RegExp(UNSTORABLE_SOURCE);
// A plain character class, far cheaper than the lookarounds: nearly every string has neither.
const MAYBE_UNSTORABLE = /[\uD800-\uDFFF\u0000]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE_SOURCE, 'g');

/** The text with lone surrogates made U+FFFD and NUL characters removed; the same string when clean. */
export function storableText(text: string): string {
  if (!MAYBE_UNSTORABLE.test(text) || !UNSTORABLE_ONE.test(text)) return text;
  return text.replace(UNSTORABLE_ALL, (c) => (c === '\u0000' ? '' : '\uFFFD'));
}

/** Whether {@link storableText} would change the text. */
export function isStorableText(text: string): boolean {
  return storableText(text) === text;
}

// JSON.stringify writes a lone surrogate or NUL only as an escape, and never writes one raw; a
// backslash typed before "u0000" is a false alarm that costs only the walk.
const MAYBE_UNSTORABLE_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/**
 * {@link storableJson} for a value nobody changes once it is made (a decision): read off its JSON
 * text, which the sink writes anyway, instead of walking it. Walking every decision of a batch
 * was 4% of the normalizer's CPU (issue 11).
 */
export function storableJsonOnce<T extends object>(value: T): T {
  return MAYBE_UNSTORABLE_ESCAPE.test(jsonOnce(value)) ? storableJson(value) : value;
}

/** A JSON value whose strings (keys included) are storable: the value itself when they all are, else a repaired copy. */
export function storableJson<T>(value: T): T {
  return needsRepair(value) ? (repair(value) as T) : value;
}

// Walking is far cheaper than copying, and nearly every value is clean.
function needsRepair(value: unknown): boolean {
  if (typeof value === 'string') return MAYBE_UNSTORABLE.test(value) && UNSTORABLE_ONE.test(value);
  if (Array.isArray(value)) return value.some(needsRepair);
  if (value !== null && typeof value === 'object') {
    for (const key in value) if ((MAYBE_UNSTORABLE.test(key) && UNSTORABLE_ONE.test(key)) || needsRepair((value as Record<string, unknown>)[key])) return true;
  }
  return false;
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
