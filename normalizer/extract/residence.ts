/**
 * Where the customer lives when the text gives no postal address: "Kartal Esentepe'de
 * oturuyoruz", "beylikdüzündeyim", "Ümraniye'deki evimde gaz yok". Only a sentence that says the
 * writer lives or has their home there counts; a branch visited ("Kadıköy şubesine gittim") or a
 * street named after a district ("Kartal Sok.") does not.
 */
import { canonicalDistrict, mayNameDistrict, recogniseDistrict } from '../district/index.js';
import { eachMatch } from './each-match.js';

export interface FoundDistrict {
  readonly value: string;
  readonly start: number;
}

/** Living there: a verb of residence, the home, or "-deyim/-dayım" (I am in …). */
// Each way starts where a word does; the boundary is looked for once, not once for each way.
const LIVES = /(?<![a-z])(?:(otur\w*|yasi(yor|yoruz|yorum|yan|yorlar)\w*|ikamet\w*|ev(im|imiz|imde|imizde|imdeki|de|inde)\w*|daire(m|miz)\w*|adres(im|imiz)\w*)|[a-z]{3,}?['’]?(deyim|dayim|teyim|tayim|deyiz|dayiz|teyiz|tayiz|dekiyim|dakiyim)(?![a-z])|[a-z]{3,}?['’]?(deki|daki|teki|taki) (ev|daire|apartman|bina|site))/;
/** A place the writer went to or called, not where they live. */
const VISITED = /(sube|merkez|bolge mudurlug|mudurlug|ofis|isletme|veznes|gittim|gitti|ugradim)/;

/** "Kadıköy Göztepe'de", "Sarıyer Tarabya'da": a district, then the neighbourhood where something happens. */
// The capital is matched before looking behind it: only there can a name start, and looking behind
// every character first made this one of the dearest patterns of the extractor (issue 7).
const DISTRICT_THEN_PLACE = /(\p{Lu}(?<!\p{L}\p{Lu})[\p{L}]+(?: \p{Lu}[\p{L}]+)?) \p{Lu}[\p{L}]+['’]?(de|da|te|ta|deki|daki|teki|taki)(?![\p{L}])/gu;
/** "Sultangazi'den saygılarımla", or a signature whose last line is the district alone. */
const FROM_DISTRICT = /(?<![a-z])([a-z]+(?: [a-z]+)?)['’]?(den|dan|ten|tan) (saygilar|selamlar|sevgiler)/;
const GREETINGS = [' saygilar', ' selamlar', ' sevgiler'];

function districtNamed(words: string): string | null {
  return canonicalDistrict(words.replace(/['’].*$/, ''));
}

/** The district of the first sentence that says the writer lives there. `folded` is the text folded with offsets kept. */
export function residenceDistrict(text: string, folded: string): FoundDistrict | null {
  if (!mayNameDistrict(folded)) return null;
  const found = livesIn(text, folded);
  if (found !== null) return found;
  for (const m of eachMatch(DISTRICT_THEN_PLACE, text)) {
    const name = districtNamed(m[1] ?? '') ?? districtNamed((m[1] ?? '').split(' ').at(-1) ?? '');
    if (name !== null && !VISITED.test(folded.slice(m.index, m.index + m[0].length + 30))) return { value: name, start: m.index };
  }
  // Only a greeting can be one: most texts have none, and the pattern tries every word.
  const greeting = GREETINGS.some((w) => folded.includes(w)) ? FROM_DISTRICT.exec(folded) : null;
  const fromName = greeting === null ? null : districtNamed(greeting[1] ?? '') ?? districtNamed((greeting[1] ?? '').split(' ').at(-1) ?? '');
  if (greeting !== null && fromName !== null) return { value: fromName, start: greeting.index };
  // The last line of a signature: "Gökhan Sarı" then "Ümraniye".
  const lines = text.trimEnd().split('\n');
  const last = (lines.at(-1) ?? '').trim().replace(/[\s/,.-]*(istanbul|İstanbul|İSTANBUL)?[.\s]*$/, '');
  const lastName = lines.length > 2 && last.length <= 24 ? districtNamed(last) : null;
  return lastName === null ? null : { value: lastName, start: text.lastIndexOf(last) };
}

/** The sentences of a text, each with the stop (. ! ? or a line break) that ends it, and where each starts. */
function sentences(folded: string): { sentence: string; at: number }[] {
  const found: { sentence: string; at: number }[] = [];
  let start = 0;
  // Cut by reading each character: splitting on a lookbehind tried it at every one.
  for (let i = 0; i < folded.length; i++) {
    const code = folded.charCodeAt(i);
    if (code !== 0x2e && code !== 0x21 && code !== 0x3f && code !== 0x0a) continue;
    found.push({ sentence: folded.slice(start, i + 1), at: start });
    start = i + 1;
  }
  if (start < folded.length) found.push({ sentence: folded.slice(start), at: start });
  return found;
}

function livesIn(text: string, folded: string): FoundDistrict | null {
  for (const { sentence, at } of sentences(folded)) {
    if (!LIVES.test(sentence) || VISITED.test(sentence) || !mayNameDistrict(sentence)) continue;
    const district = recogniseDistrict(text.slice(at, at + sentence.length));
    if (district !== null) return { value: district.name, start: at };
  }
  return null;
}
