/**
 * Where the customer lives when the text gives no postal address: "Kartal Esentepe'de
 * oturuyoruz", "beylikdüzündeyim", "Ümraniye'deki evimde gaz yok". Only a sentence that says the
 * writer lives or has their home there counts; a branch visited ("Kadıköy şubesine gittim") or a
 * street named after a district ("Kartal Sok.") does not.
 */
import { recogniseDistrict } from '../district/index.js';

export interface FoundDistrict {
  readonly value: string;
  readonly start: number;
}

/** Living there: a verb of residence, the home, or "-deyim/-dayım" (I am in …). */
const LIVES = /(?<![a-z])(otur\w*|yasi(yor|yoruz|yorum|yan|yorlar)\w*|ikamet\w*|ev(im|imiz|imde|imizde|imdeki|de|inde)\w*|daire(m|miz)\w*|adres(im|imiz)\w*)|[a-z]{3,}(deyim|dayim|teyim|tayim|deyiz|dayiz|teyiz|tayiz|dekiyim|dakiyim)(?![a-z])|[a-z]{3,}['’]?(deki|daki|teki|taki) (ev|daire|apartman|bina|site)/;
/** A place the writer went to or called, not where they live. */
const VISITED = /(sube|merkez|bolge mudurlug|mudurlug|ofis|isletme|veznes|gittim|gitti|ugradim)/;

/** The district of the first sentence that says the writer lives there. `folded` is the text folded with offsets kept. */
export function residenceDistrict(text: string, folded: string): FoundDistrict | null {
  let start = 0;
  for (const sentence of folded.split(/(?<=[.!?\n])/)) {
    const at = start;
    start += sentence.length;
    if (!LIVES.test(sentence) || VISITED.test(sentence)) continue;
    const district = recogniseDistrict(text.slice(at, at + sentence.length));
    if (district !== null) return { value: district.name, start: at };
  }
  return null;
}
