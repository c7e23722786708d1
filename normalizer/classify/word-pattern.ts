/**
 * How one catalogue word matches one word of a text. Turkish adds suffixes to a stem and softens
 * the stem's last consonant before a vowel (sayaç → sayacı, kaçak → kaçağı, kitap → kitabı,
 * dert → derdi), so a catalogue word is reduced to a stem and compared as a prefix:
 * "fatura" matches "faturamı", "faturanın", "faturaya"; "gaz kesildi" matches "gaz kesilmiş".
 */
import { withinOneEdit } from './edit-distance.js';
import { foldTurkish } from '../turkish/fold.js';
import { isInflection } from '../turkish/inflection.js';

/**
 * Endings taken off a catalogue word to reach its stem, longest first (folded): tense
 * ("kesildi" → "kesil"), verbal noun ("yükleme" → "yükle", "açılması" → "açılma"), possessive and
 * a final vowel ("fatura" → "fatur", so "faturam" matches).
 */
const ENDINGS = ['misti', 'mustu', 'masi', 'mesi', 'iyor', 'uyor', 'medi', 'madi', 'mak', 'mek', 'mis', 'mus', 'ler', 'lar', 'ma', 'me', 'di', 'du', 'ti', 'tu', 'si', 'su', 'i', 'u', 'a', 'e'];

/** A stem shorter than this keeps its ending: "kazı" stays "kazi" rather than "kaz". */
const MIN_STRIPPED_STEM = 5;

/** Stems up to this length match only when the rest of the text word is inflection. */
const MAX_STRICT_STEM = 4;

/**
 * Stems from this length also match a text word with one typo. Shorter stems would confuse real
 * words: "ödenme" is one edit from "ödeme", "kesint" from "kesinl(ikle)".
 */
const MIN_FUZZY_STEM = 7;

/** Consonants that alternate at the end of a stem: hard ↔ soft. */
const ALTERNATE: Readonly<Record<string, string>> = { k: 'g', g: 'k', p: 'b', b: 'p', t: 'd', d: 't' };

/** A compiled catalogue word. */
export interface WordPattern {
  /** The stem and, when its last consonant alternates, the other form ("kacak", "kacag"). */
  readonly stems: readonly string[];
  /** Short stems: the rest of the text word must be inflection ("gazı" yes, "gazete" no). */
  readonly strict: boolean;
  /** Long stems: one typo is forgiven ("tesekurler" for "teşekkürler"). */
  readonly fuzzy: boolean;
  /** Equal for words that match exactly the same text words: the stems, and "!" when strict. */
  readonly key: string;
}

/** "-ntı" makes nouns ("kesinti", "sızıntı", "bağlantı"): its "tı" is not a past tense to strip. */
function nounInNti(word: string, ending: string): boolean {
  return /^[dt][iu]$/.test(ending) && word.slice(0, -ending.length).endsWith('n');
}

/** Reduces one word (as written in the catalogue) to its pattern. */
export function compileWord(word: string): WordPattern {
  const folded = foldTurkish(word).replace(/[^a-z0-9]/g, '');
  const ending = ENDINGS.find((e) => folded.endsWith(e) && folded.length - e.length >= MIN_STRIPPED_STEM && !nounInNti(folded, e));
  const stem = ending === undefined ? folded : folded.slice(0, -ending.length);
  const other = ALTERNATE[stem.slice(-1)];
  const stems = other === undefined || stem.length < 3 ? [stem] : [stem, stem.slice(0, -1) + other];
  // SMS drops the r of the present tense: "kaçıyo", "geliyo" for "kaçıyor", "geliyor".
  if (stem.endsWith('yor') && stem.length > MIN_STRIPPED_STEM) stems.push(stem.slice(0, -1));
  const strict = stem.length <= MAX_STRICT_STEM;
  return { stems, strict, fuzzy: stem.length >= MIN_FUZZY_STEM, key: `${stems.join('|')}${strict ? '!' : ''}` };
}

function fuzzyPrefix(token: string, stem: string): boolean {
  for (let length = stem.length - 1; length <= stem.length + 1; length++) {
    if (length > token.length) continue;
    const prefix = token.slice(0, length);
    // The first two letters and the last one must agree: an edit at the very end of the stem
    // would turn "kesinti" into a mere "kesin…" and match "kesinlikle".
    if (prefix.slice(0, 2) !== stem.slice(0, 2) || prefix.slice(-1) !== stem.slice(-1)) continue;
    if (withinOneEdit(prefix, stem)) return true;
  }
  return false;
}

/** Whether a folded text word is an inflected form of the pattern. */
export function matchesWord(token: string, pattern: WordPattern): boolean {
  for (const stem of pattern.stems) {
    if (token.startsWith(stem) && (!pattern.strict || isInflection(token.slice(stem.length)))) return true;
  }
  return pattern.fuzzy && pattern.stems.some((stem) => fuzzyPrefix(token, stem));
}
