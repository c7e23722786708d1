/**
 * District (ilçe) recognition, for reading applications by region: from a form's district field
 * (canonicalDistrict) or from a free address (recogniseDistrict). Pure and deterministic; reads
 * names with or without Turkish letters, in any case, with suffixes ("Üsküdar'da", "Kadıköylü").
 *
 * An address may name several districts: a neighbourhood or street named after one
 * ("Fatih Mah.", "Maltepe Cad.", "Bağdat Cad." is fine) or a person ("Fatih Bey") besides the
 * district itself, which Turkish addresses put last ("… No:12 Kadıköy/İstanbul", "İstanbul/Kadıköy").
 * So a name directly followed by a neighbourhood or street word (Mah., Mahallesi, Cad., Sok.,
 * Bulvarı, Sitesi…) or by "Bey"/"Hanım" is not taken at all; a name followed by "/", "İstanbul",
 * "ilçesi" or a postcode, or ending the text, beats any other; among equals the last one wins.
 * A district name used as a street name with other words in between ("Fatih Sultan Mehmet Bulvarı")
 * is not recognised as such: with nothing better in the address, it is taken as the district.
 */
import { foldedWords, foldTurkish, tokenizeText, type Token } from '../turkish/fold.js';
import { isInflection } from '../turkish/inflection.js';
import { DISTRICTS, type District } from './districts.js';

export { DISTRICTS, type District, type DistrictEntry, type Side } from './districts.js';

interface Spelling { readonly words: readonly string[]; readonly district: District }

function words(value: string): string[] {
  return foldedWords(value);
}

// Longest spellings first, so "Eyüp Sultan" is one match and not "Eyüp" plus a stray word.
const SPELLINGS: readonly Spelling[] = DISTRICTS.flatMap((d) =>
  [d.name, ...d.aliases].map((s) => ({ words: words(s), district: { name: d.name, side: d.side } })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * Whether a folded text may name a district at all: the first word of some spelling, at a word's
 * start. One pass, so a text that names none skips the token-by-token recognition.
 */
const ANY_SPELLING = new RegExp(`(?<![a-z])(${[...new Set(SPELLINGS.map((s) => s.words[0] ?? '').filter((w) => w !== ''))].sort((a, b) => b.length - a.length).join('|')})`);

/** Whether `folded` (folded text) may name a district; false means recogniseDistrict finds none. */
export function mayNameDistrict(folded: string): boolean {
  return ANY_SPELLING.test(folded);
}

const BY_COMPACT: ReadonlyMap<string, District> = new Map(SPELLINGS.map((s) => [s.words.join(''), s.district]));

/** Words that make the name before them a neighbourhood, street, site or person, not the district. */
const NAME_PART = /^(mah|mh|mahalle|cad|cd|cadde|sok|sk|sokak|sokag|bulv|blv|bulvar|yolu|meydan|koyu|site|sitesi|apt|apartman|carsi|istasyon|iskele|cikmaz|pasaj|is$|han$|hani$|bey$|beyi|hanim|efendi)/;

/** Words that say the name before them is the district: "İstanbul", "ilçesi". */
const DISTRICT_MARK = /^(istanbul|ilce)/;

/** One word already folded (lower case a-z, digits): splitting and folding it gives it back. */
const FOLDED_WORD = /^[a-z0-9]+$/;

/**
 * One word of letters and digits below U+0300 ("Kadıköy", "ÜSKÜDAR"): NFC as it is, split into
 * itself, so folding it is all that splitting it into words would do.
 */
const LATIN_WORD = /^(?:(?=[\p{L}\p{N}])[\u0000-\u02FF])+$/u;

/** A Turkish postcode: five digits; Istanbul's start with 34. */
const POSTCODE = /^\d{5}$/;

/** How the spelling's last word may end: exactly, or with suffixes ("kadikoyde", "uskudarli"). */
function lastWordMatches(token: string, word: string): boolean {
  return token.startsWith(word) && isInflection(token.slice(word.length));
}

/** A spelling's first word: a word of the text starts with it where the spelling starts. */
const firstWord = (spelling: Spelling): string => spelling.words[0] ?? '';

/** Spellings whose first word is shorter than two letters ("G.O.P." is g, o, p): tried at every word. */
const SHORT_START = SPELLINGS.filter((s) => firstWord(s).length < 2);

/**
 * By the first two letters of a word, the spellings that may start at it, in SPELLINGS' order:
 * trying all of them at every word of an address was most of recognising its district.
 */
const BY_START: ReadonlyMap<string, readonly Spelling[]> = new Map(
  [...new Set(SPELLINGS.map(firstWord).filter((w) => w.length >= 2).map((w) => w.slice(0, 2)))]
    .map((two) => [two, SPELLINGS.filter((s) => firstWord(s).length < 2 || firstWord(s).startsWith(two))]),
);

function spellingAt(tokens: readonly Token[], at: number): { spelling: Spelling; end: number } | null {
  for (const spelling of BY_START.get(tokens[at]?.folded.slice(0, 2) ?? '') ?? SHORT_START) {
    const n = spelling.words.length;
    if (at + n > tokens.length) continue;
    const ok = spelling.words.every((w, k) => {
      const token = tokens[at + k]?.folded ?? '';
      return k === n - 1 ? lastWordMatches(token, w) : token === w;
    });
    if (ok) return { spelling, end: at + n - 1 };
  }
  return null;
}

/** 2: marked as the district; 1: plain; 0: part of another name (not taken). */
function rank(source: string, tokens: readonly Token[], end: number): number {
  const next = tokens[end + 1];
  const last = tokens[end];
  if (next === undefined || last === undefined) return 2;
  const between = source.slice(last.end, next.start);
  if (NAME_PART.test(next.folded) && !between.includes('/') && !between.includes(',')) return 0;
  if (between.includes('/') || DISTRICT_MARK.test(next.folded) || POSTCODE.test(next.folded)) return 2;
  return 1;
}

/**
 * The district a free address or text names, or null. See the module comment for how it chooses
 * among several: "Fatih Mah. Atatürk Cad. No:5 Esenyurt/İstanbul" → Esenyurt (europe).
 */
export function recogniseDistrict(text: string): District | null {
  // The text in NFC, normalized once, with its words: rank() reads what stands between two of them.
  const { source, tokens } = tokenizeText(text);
  let best: { district: District; rank: number } | null = null;
  for (let at = 0; at < tokens.length; at++) {
    const found = spellingAt(tokens, at);
    if (found === null) continue;
    const r = rank(source, tokens, found.end);
    if (r > 0 && (best === null || r >= best.rank)) best = { district: { ...found.spelling.district }, rank: r };
    at = found.end;
  }
  return best?.district ?? null;
}

/**
 * The canonical name for a form's district field: "kadikoy", "KADIKÖY", "Kadıköy / İstanbul" →
 * "Kadıköy"; "Eyüp" → "Eyüpsultan"; unknown or empty → null.
 */
export function canonicalDistrict(input: string | null | undefined): string | null {
  if (input === null || input === undefined) return null;
  // The extractor asks about each folded word of a text: such a word is its own only word, folded.
  if (FOLDED_WORD.test(input)) return DISTRICT_MARK.test(input) ? null : BY_COMPACT.get(input)?.name ?? null;
  // A form's district is mostly one such word: folded whole, without splitting it (3% of deciding a form).
  if (LATIN_WORD.test(input)) {
    const folded = foldTurkish(input);
    return DISTRICT_MARK.test(folded) ? null : BY_COMPACT.get(folded)?.name ?? null;
  }
  const parts = words(input).filter((w) => !DISTRICT_MARK.test(w));
  if (parts.length === 0) return null;
  return BY_COMPACT.get(parts.join(''))?.name ?? null;
}
