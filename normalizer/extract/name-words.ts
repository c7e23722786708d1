/**
 * The words of a name, read one by one from where a name may start: how far a name goes in a
 * sentence, and which words end it (a verb, an address word, a firm, kin with "my" on it). Every
 * name reader in names.ts reads with it.
 */
import { lowerTr, upperTr } from '../turkish/case.js';
import { foldTurkish } from '../turkish/fold.js';
import { canonicalDistrict } from '../district/index.js';
import { isGivenName } from './given-names.js';
import { eachMatch } from './each-match.js';

/** A district's name that is not also a given name ("Kadıköy", not "Fatih"). */
export function isDistrictName(folded: string): boolean {
  return !isGivenName(folded) && canonicalDistrict(folded) !== null;
}

/** Words that end a name: what follows a name in a sentence, and titles that precede none. */
export const NOT_NAME: ReadonlySet<string> = new Set([
  've', 'ile', 'olarak', 'abone', 'abonesi', 'aboneyim', 'abonenizim', 'aboneniz', 'tc', 'no', 'kimlik', 'tel', 'telefon', 'adres', 'adresi',
  'mahallesi', 'mah', 'sokak', 'cadde', 'istanbul', 'igdas', 'sayin', 'bey', 'hanim', 'sizin', 'sizden', 'size', 'bu', 'su', 'o', 'bir', 'de', 'da',
  'ki', 'mi', 'icin', 'adina', 'yaziyorum', 'ariyorum', 'ariyordum', 'evim', 'evimde', 'evimiz', 'faturam', 'fatura', 'gaz', 'dogalgaz', 'sayac',
  'sayacim', 'kiraciyim', 'ev', 'sahibiyim', 'oturuyorum', 'ikamet', 'numaram', 'numarasi', 'no:', 'tarafindan', 'olan', 'olup', 'oldugum',
  'merhaba', 'selam', 'slm', 'mrb', 'iyi', 'gunler', 'tesekkurler', 'saygilarimla', 'konu', 'hakkinda', 'sikayet', 'talep', 'basvuru', 'evet', 'hayir',
  'yani', 'sey', 'ii', 'iii', 'simdi', 'dun', 'bugun', 'kocam', 'esim', 'annem', 'babam', 'oglum', 'kizim', 'komsum', 'musteri', 'musteriniz',
  'beni', 'bana', 'benim', 'sizi', 'sizinle', 'lutfen', 'acil', 'hemen', 'tekrar', 'burada', 'orada', 'cok', 'hala', 'daha', 'yine', 'artik', 'ama', 'fakat', 'ancak',
  'sk', 'cd', 'mh', 'sok', 'cad', 'apt', 'blv',
  'teyze', 'amca', 'abla', 'abi', 'dayi', 'nine', 'dede', 'ust', 'alt', 'yan', 'karsi', 'kattaki', 'dairedeki',
  // "oğuzhan dedem", "tarık ertan müvekkilim": kin and clients, with "my" on them, go on the sentence.
  'dedem', 'ninem', 'teyzem', 'amcam', 'dayim', 'halam', 'ablam', 'abim', 'kardesim', 'muvekkilim', 'muvekkilimiz', 'kiracim', 'komsumuz', 'anneannem', 'babaannem',
  'mudur', 'muduru', 'sorumlu', 'yetkili', 'temsilci', 'ogretmen', 'emekli', 'avukat', 'av', 'dr', 'muh', 'mimar', 'isletme', 'sirket', 'ltd', 'sti', 'as',
]);

/** Beginnings of words no name has: addresses, bills, the sentence going on. */
export const NOT_NAME_START = /^(adres|telefon|tel$|abone|sayac|fatura|odeme|evde|evim|borc|gaz|kombi|apartman|mudurlu|yonetici|bina|site|sikayet|basvur|ariz|kesil|hafta|gecen|ayni|guvence|koridor|mutfak|banyo|kapi|tesisat|dilekce|imza|tarih|konu|sayi$|igdas|hizmet|bilgi$|bilgiler|form$|formu|mudur|eczane|kuafor|hukuk|buro|klini|ltd|bulvar|cadde|sokag|sokak|mahalle|mah$|cad$|sok$|sti|insaat|market|ticaret|tasarim|ofis|muhendislik|danismanlik|emlak|yonetim|apt|iphone|android|samsung|sent$|gonderildi|hanim|bey$|mimarlik|mobilya|muhasebe|mali$|musavir|ajans|grup|holding|gida|tekstil|otomotiv|elektrik|yapi$|dekorasyon|reklam|medya|lojistik|turizm|dershane|okul|lise|universite|belediye|vakf|dernek|cafe|kafe|restoran|lokanta|firin|oto$)/;

/** A word in a name: letters, with inner hyphens or apostrophes ("Ayşe-Nur", "O'Brien"). */
const NAME_WORD = /^[\p{L}][\p{L}\p{M}]*(?:[-'’][\p{L}][\p{L}\p{M}]*)*$/u;
/** Verb and case endings that mean the sentence goes on ("yazıyorum", "evimde", "aradım"). */
const SENTENCE_ENDING = /(yorum|iyor|uyor|yoruz|dim|dum|tim|tum|mistim|misim|acagim|ecegim|larim|lerim|imiz|umuz|inda|inde|unda|unde|dan|den|tan|ten|daki|deki)$/;

/** A word of a name, or a stop between words; an initial with its full stop is one word ("M. Nuri Ertaş"). */
const NAME_PIECE = /\p{Lu}\.(?= \p{Lu})|[^\s,;:.!?()"<>\[\]]+|[,;:.!?()"<>\[\]]/gu;

/** The word without its apostrophes; most words have none, and are not copied. */
function withoutApostrophes(word: string): string {
  return word.includes("'") || word.includes('’') ? word.replace(/['’]/g, '') : word;
}

/** Where the first apostrophe (' or ’) of the word is, -1 when it has none. */
function firstApostrophe(word: string): number {
  const straight = word.indexOf("'");
  const curly = word.indexOf('’');
  return straight < 0 ? curly : curly < 0 ? straight : Math.min(straight, curly);
}

export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== lowerTr(first);
}

/**
 * The name words starting at `from`: at most four, on one line.
 * @param mustStartWithName in lower-case text, the first word must be a known given name
 */
export function readName(text: string, from: number, mustStartWithName: boolean): { value: string; end: number } | null {
  const line = text.slice(from, (text.indexOf('\n', from) + 1 || text.length + 1) - 1);
  const words: string[] = [];
  let end = from;
  let offset = 0;
  // An initial with its full stop is one word of a name ("M. Nuri Ertaş").
  for (const m of eachMatch(NAME_PIECE, line)) {
    const word = m[0];
    const folded = withoutApostrophes(foldTurkish(word));
    // Only an initial ends in a full stop: a word of NAME_PIECE holds none.
    if (word.endsWith('.') && /^\p{Lu}\.$/u.test(word) && words.length < 2) {
      words.push(word);
      offset = (m.index ?? 0) + word.length;
      end = from + offset;
      continue;
    }
    // "Elif Su Aydın-Koç": Su is a given name too, after another one and with its capital.
    const givenSu = folded === 'su' && isCapitalised(word) && words.length > 0 && isGivenName(foldTurkish(words.at(-1) ?? ''));
    if (!NAME_WORD.test(word) || (NOT_NAME.has(folded) && !givenSu) || NOT_NAME_START.test(folded) || isDistrictName(folded) || words.length === 4) break;
    const capital = isCapitalised(word);
    if (words.length === 0 && mustStartWithName && !capital && !isGivenName(folded)) break;
    if (words.length > 0 && !capital && !isGivenName(folded) && folded.length > 4 && SENTENCE_ENDING.test(folded)) break;
    // In lower-case text a third word is only taken after two given names ("halil ibrahim sari").
    if (words.length >= 2 && !capital && !words.slice(0, 2).every((w) => isGivenName(foldTurkish(w)))) break;
    // Capitals mark a name once the first word had one: "Ayşe Yılmaz faturam" stops at "faturam".
    if (words.length > 0 && isCapitalised(words[0] ?? '') && !capital) break;
    // "Pınar Ekinci'yim", "Ayşe'nin": the suffix ends the name, the name stays.
    const apostrophe = firstApostrophe(word);
    if (apostrophe > 0) {
      const base = word.slice(0, apostrophe);
      const foldedBase = foldTurkish(base);
      // "Ayşe Yılmaz Kadıköy'de oturuyorum": a place with its suffix ends the name and is not in it.
      if (words.length === 0 || NOT_NAME.has(foldedBase) || NOT_NAME_START.test(foldedBase) || isDistrictName(foldedBase)) break;
      words.push(base);
      end = from + (m.index ?? 0) + base.length;
      break;
    }
    words.push(word);
    offset = (m.index ?? 0) + word.length;
    end = from + offset;
  }
  if (words.length === 0) return null;
  // "TAŞ Mehmet Emin", "YILMAZ Ayşe": the surname in capitals first, as official forms write it.
  const first = words[0] ?? '';
  const surnameFirst = words.length >= 2 && first.length > 1 && first === upperTr(first) && words.slice(1).every((w) => w !== upperTr(w));
  return { value: surnameFirst ? [...words.slice(1), first].join(' ') : words.join(' '), end };
}
