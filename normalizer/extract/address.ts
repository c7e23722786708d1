/**
 * A postal address in free text: under a label ("Adres:", "Adresim:", "İkamet adresi") or where
 * its own words show it (Mah., Cad., Sok., Bulvarı, Sitesi, Apt., No:, D:, Kat:), on one line
 * or continued on the next. The district recogniser later reads the district out of it.
 */
import { canonicalDistrict } from '../district/index.js';
import { AS_DIGIT } from './ocr-digits.js';
import { eachMatch } from './each-match.js';

/** A full stop after a letter, not after "1.": a clause ends there. */
const STOP_AFTER_LETTER = /[a-z]\. /g;

function isLowerAscii(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** Where the runs of a-z letters of a folded text start and end, in order. */
function letterRuns(folded: string): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  for (let at = 0; at < folded.length; at++) {
    if (!isLowerAscii(folded.charCodeAt(at))) continue;
    const start = at;
    while (at + 1 < folded.length && isLowerAscii(folded.charCodeAt(at + 1))) at++;
    runs.push({ start, end: at + 1 });
  }
  return runs;
}

/**
 * The end of the last word of `folded` that names a district, if any. Read from the last word
 * back: the last that names one decides, and addresses end with their district.
 */
function lastDistrict(folded: string): number | null {
  const words = letterRuns(folded);
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i] as { start: number; end: number };
    const next = words[i + 1];
    // Two words for "Kadı köy" or "Eyüp Sultan" as people and transcripts split them.
    if (next !== undefined && next.start === word.end + 1 && canonicalDistrict(folded.slice(word.start, word.end) + folded.slice(next.start, next.end)) !== null) return next.end;
    if (canonicalDistrict(folded.slice(word.start, word.end)) !== null) return word.end;
  }
  return null;
}

export interface FoundAddress {
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const ADDRESS_LABEL = /(?<![a-z])(adres(im|i|imiz)?|ikamet( adresi|gah)?|acik adres|adresimiz|yazisma adresi)(?![a-z])[ \t]*(:|=|-)?[ \t]*/g;
/** ADDRESS_LABEL, to test a whole text (not global, so no state between calls). */
const ADDRESS_LABEL_ANYWHERE = new RegExp(ADDRESS_LABEL.source);
/** Words only an address has, folded. */
const ADDRESS_WORD = /(?<![a-z])(mah(alle(si)?)?\.?|mh\.|mh|cad(de(si)?)?\.?|cd\.|cd|sok(ak|agi)?\.?|sk\.|sk|bulv(ari)?\.?|blv\.?|bulvari|sitesi|sit\.|apt\.?|apartmani|blok|(?<!(hesa[bp]|kimlik|abone|tc|t\.c\.?|basvuru|sozlesme|tesisat|sayac|telefon|tel|seri|fatura|dosya|evrak|kayit|referans|ref|kart|sicil|takip|musteri|siparis)\.? ?)no\.? ?:? ?[0-9]|d ?: ?[0-9]|daire ?:? ?[0-9]|kat ?: ?[0-9])(?![a-z])/;
/** The words that start an address where no label does: a neighbourhood, street or avenue. */
const STREET_WORD = /(?<![a-z])(mah(alle(si)?)?\.?|mh\.?|cad(de(si)?)?\.?|cd\.?|sok(ak|agi)?\.?|sk\.?|bulv(ari)?\.?|blv\.?)(?![a-z])/;
/** STREET_WORD, to find every one in a text. */
const STREET_WORDS = new RegExp(STREET_WORD.source, 'g');
/** How an address goes on into the sentence around it ("… No:5 adresinde oturuyorum"). */
const TAIL = /\s+(adres\w*|de oturuyorum|da oturuyorum|deki|daki|oturuyorum|ikamet\w*|evim\w*|evde|ev\b|tel\b|telefon\w*|gsm|cep\w*|tc\b|t\.c\.|kimlik\w*|abone\w*|sozlesme\w*|e-?posta\w*|mail\w*|uzerinde\w*|onunde\w*|karsisinda\w*|yaninda\w*|civarinda\w*|arkasinda\w*|icinde\w*)\b.*$/;
const MAX_ADDRESS = 200;
/** Words before a street's name that are not part of it: verbs, questions, fillers, names of fields. */
const NOT_PLACE = /^(?![0-9]+\.$)(?:(.*(yor|yorum|siniz|mis|mus|abilir|ebilir|ecek|acak|dugum|digim|tugum|tigim|dugumuz|digimiz|nin|nun|nın|nün)|olarak|gitsin|olsun|baksin|ki|mi|mu|mı|ben|bizim|evim|ev|adres\w*|bu|su|o|ve|ile|ii|ıı|sey|yani|bunun|olabilir|gelsin|lutfen|beri|itibaren|sonra|once|kadar|icin|ay|gecen|hafta|gun|yil|sabah|aksam|dun|bugun)$|.*[.:,]$)/;

/** Where the sentence goes on after the address: a full stop before an ordinary word. */
const SENTENCE_END = /(?<!(?:^|[^a-z])(no|mah|mh|cad|cd|sok|sk|d|apt|blv|bulv|kat|dr|sn)|[0-9])\. +(?=[a-z])/;
const DISTRICT_THEN_CITY = /^[ \t]*(\/|,|-)?[ \t]*(istanbul|ist\.?)(?![a-z])/;

function clip(value: string, foldedValue: string): string {
  let end = value.length;
  const tail = TAIL.exec(foldedValue);
  if (tail !== null) end = Math.min(end, tail.index);
  const sentence = SENTENCE_END.exec(foldedValue);
  if (sentence !== null) end = Math.min(end, sentence.index);
  // Turkish addresses end with the district ("… No:12 Kadıköy/İstanbul"): what follows is the sentence.
  // Only a district after the street counts: "Esenyurt Ardıçlı Mah. …" names it first, then goes on.
  const street = STREET_WORD.exec(foldedValue);
  const from = street === null ? 0 : street.index;
  const after = lastDistrict(foldedValue.slice(from, end));
  const district = after === null ? null : from + after;
  if (district !== null) {
    const city = DISTRICT_THEN_CITY.exec(foldedValue.slice(district));
    end = Math.min(end, district + (city === null ? 0 : city[0].length));
  }
  const cut = value.slice(0, end);
  return cut.replace(/[\s,;.:\-]+$/, '').replace(/^[\s,;:\-]+/, '');
}

/** Whether the next line continues an address: its own words, a district or the city. */
function continues(folded: string): boolean {
  return ADDRESS_WORD.test(folded) || canonicalDistrict(folded.replace(/[\s/,.-]*(istanbul|ist\.?)?[\s.]*$/, '')) !== null || /(?<![a-z])(istanbul|[0-9]{5})(?![a-z])/.test(folded) || /^[a-z]+ ?\/ ?istanbul/.test(folded);
}

/**
 * The first address of the text. `folded` is the text folded with offsets kept.
 */
export function findAddress(text: string, folded: string): FoundAddress | null {
  // Where the street words are, found once: only their lines can start an address without a label.
  const streetWords = [...eachMatch(STREET_WORDS, folded)].map((m) => m.index);
  // An address starts under a label or at a street word: a text with neither has none, and most have neither.
  if (streetWords.length === 0 && !ADDRESS_LABEL_ANYWHERE.test(folded)) return null;
  const lines: { start: number; end: number }[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    lines.push({ start: at, end: at + line.length });
    at += line.length + 1;
  }
  const lineOf = (offset: number): number => lines.findIndex((l) => offset >= l.start && offset <= l.end);
  const streetLines = new Set(streetWords.map(lineOf));
  const candidates: Candidate[] = [];
  // A label with a colon is one; without, only when an address follows on its line or the next
  // ("adresim aşağıdadır", "adresim yok" are not addresses), and then it only points at the street's name.
  for (const m of eachMatch(ADDRESS_LABEL, folded)) {
    const index = lineOf(m.index);
    const rest = folded.slice(m.index + m[0].length, lines[index + 1]?.end ?? folded.length);
    const context = folded.slice(Math.max(0, m.index - 20), m.index + m[0].length);
    if (/[:=-]/.test(m[0]) && rest.trim() !== '') {
      let start = m.index + m[0].length;
      let line = index;
      // "Adres:" alone on its line: the address is on the next.
      if (folded.slice(start, lines[line]?.end).trim() === '' && line + 1 < lines.length) {
        line += 1;
        start = lines[line]?.start ?? start;
      }
      candidates.push({ start, line, context, labelled: true });
    } else if (STREET_WORD.test(rest) && !/^\s*(yok|degil|asagida|ekte|bana ait|eski|kapat)/.test(rest)) {
      const street = streetStart(lines, folded, index, -1, m.index + m[0].length);
      if (street !== null) candidates.push({ ...street, context, labelled: false });
    }
  }
  for (let index = 0; index < lines.length && candidates.length < 6; index++) {
    // A line without a street word starts no address.
    if (!streetLines.has(index)) continue;
    const street = streetStart(lines, folded, index, index);
    if (street !== null && !candidates.some((c) => Math.abs(c.start - street.start) < 3)) {
      candidates.push({ ...street, context: folded.slice(Math.max(0, street.start - 20), street.start), labelled: false });
      index = street.line;
    }
  }
  const chosen = choose(candidates, folded);
  if (chosen === null) return null;
  const { start, line: index } = chosen;
  let end = lines[index]?.end ?? start;
  // On the next line or two: "No: 21", then "Bağcılar".
  for (let more = 1; more <= 2; more++) {
    const next = lines[index + more];
    if (next === undefined || !continues(folded.slice(next.start, next.end)) || next.end - start > MAX_ADDRESS) break;
    end = next.end;
  }
  const value = clip(text.slice(start, end).replace(/\s*\n\s*/g, ' '), folded.slice(start, end).replace(/\s*\n\s*/g, ' '));
  return value === '' || !/\p{L}/u.test(value) ? null : { value: value.slice(0, MAX_ADDRESS), start, end };
}

interface Candidate { start: number; line: number; context: string; labelled: boolean }

/** Words before an address that say it is not where the customer lives now: the old home, a branch, a workplace. */
const NOT_HOME = /(eski|onceki|sube|isyeri|is yeri|firma|sirket|ofis|merkez)\w*( (adres|ev|tesisat)\w*)?[^a-z]*$/;
/** Words that say it is the new one. */
const NEW_HOME = /yeni\w*( (adres|ev|tesisat)\w*)?[^a-z]*$/;

/**
 * Which address is the customer's: the new one over the old, any over one under a branch or a
 * workplace, and one in the letter over the letterhead above its salutation.
 */
function choose(candidates: readonly Candidate[], folded: string): Candidate | null {
  // Most texts have one address or none: nothing to rank, and no salutation to look for.
  if (candidates.length <= 1) return candidates[0] ?? null;
  const salutation = /^\s*(sayin\b|.*(mudurlugune|sefligine|hizmetlerine)\W*$)/m.exec(folded);
  const inHeading = (c: Candidate): boolean => salutation !== null && c.start < salutation.index;
  const ranked = [...candidates].sort((a, b) => rank(b) - rank(a) || a.start - b.start);
  return ranked[0] ?? null;

  function rank(c: Candidate): number {
    return (NEW_HOME.test(c.context) ? 4 : 0) + (NOT_HOME.test(c.context) ? -4 : 0) + (inHeading(c) && candidates.some((o) => !inHeading(o)) ? -2 : 0) + (c.labelled ? 1 : 0);
  }
}

/**
 * Where the address on line `from` or after starts: at the name before its first street word. A
 * street word written out in a sentence ("sokağı kapattılar") is no address unless a number, another
 * address word or a district follows it.
 */
function streetStart(lines: readonly { start: number; end: number }[], folded: string, from: number, only = -1, after0 = 0): { start: number; line: number } | null {
  // On the line a label is on, only what follows the label ("eski evim X mah … yeni adresim Y mah").
  const lineText = (l: { start: number; end: number }): { text: string; at: number } => {
    const at = Math.max(l.start, Math.min(after0, l.end));
    return { text: folded.slice(at, l.end), at };
  };
  const startsAddress = (l: { start: number; end: number }): boolean => {
    const line = lineText(l).text;
    const word = STREET_WORD.exec(line);
    const after = word === null ? '' : line.slice(word.index + word[0].length);
    return word !== null && (/\.|^(mh|cd|sk|mahallesi)$/.test(word[0]) || /^.{0,20}[0-9]/.test(after) || ADDRESS_WORD.test(after) || lastDistrict(after) !== null);
  };
  // The first such line from line `from` on, or line `only` alone (not before `from`).
  const last = Math.min(only >= 0 ? only : lines.length - 1, lines.length - 1);
  let index = Math.max(only >= 0 ? only : from, from);
  while (index <= last && !startsAddress(lines[index] as { start: number; end: number })) index++;
  if (index > last) return null;
  const whole = lines[index] as { start: number; end: number };
  const part = lineText(whole);
  const line = { start: part.at, end: whole.end };
  const foldedLine = part.text;
  const word = STREET_WORD.exec(foldedLine);
  // The neighbourhood's or street's name comes before its word: up to three words back, from
  // the start of the line or of the clause (a full stop after a word, not after "1.").
  const before = foldedLine.slice(0, word?.index ?? 0);
  let clause = Math.max(before.lastIndexOf(', '), before.lastIndexOf(': '), before.lastIndexOf(' ('));
  for (const m of eachMatch(STOP_AFTER_LETTER, before)) clause = Math.max(clause, m.index + 1);
  const head = clause < 0 ? before : before.slice(clause + 2);
  const words = head.split(' ').filter((w) => w !== '');
  // Back from the street word while the words can be its name: "hasan tahsin pasa mah", not "biri gelsin kosuyolu mh".
  let taken = 0;
  while (taken < 3 && taken < words.length && !NOT_PLACE.test(words[words.length - 1 - taken] ?? '')) taken++;
  const kept = words.slice(words.length - taken).join(' ');
  const start = line.start + (word?.index ?? 0) - (kept === '' ? 0 : kept.length + (head.endsWith(' ') ? 1 : 0));
  return { start: Math.max(line.start, start), line: index };
}

const LETTER_FOR: Readonly<Record<string, string>> = { '8': 'B', '0': 'O', '5': 'S', '6': 'G', '2': 'Z' };

/**
 * An address as OCR read it, with look-alikes put back: digits after "No:", "D:", "Kat:" ("No:l2O" →
 * "No:120") and a letter for the digit opening a word ("8üyükçekmece" → "Büyükçekmece").
 */
export function repairOcrAddress(value: string): string {
  return value
    .replace(/(?<=(?:^|[^\p{L}])(?:No|NO|no|D|d|Kat|KAT|kat|Daire|daire)\s?[:.]\s?)[0-9OolIiSBZG]{1,4}(?![\p{L}])/gu, (n) => [...n].map((c) => AS_DIGIT[c] ?? c).join(''))
    .replace(/(?<![\p{L}0-9])[80562](?=\p{Ll}{3,})/gu, (d) => LETTER_FOR[d] ?? d);
}
