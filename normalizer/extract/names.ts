/**
 * A person's name in free text: under a label ("Adı Soyadı: Ayşe Yılmaz", "Ad Soyad | AYŞE
 * YILMAZ"), introduced ("Ben Ayşe Yılmaz", "adım ayse yilmaz", "ismim …"), or on the first line
 * of a signature. Text typed all in lower case cannot mark a name with capitals, so there the
 * first word must be a known given name; the words after it are taken while they look like a
 * surname and not like the sentence going on.
 */
import { isGivenName } from './given-names.js';
import { isCapitalised, isDistrictName, NOT_NAME, NOT_NAME_START, readName } from './name-words.js';
import { foldKeepingOffsets, foldTurkish } from '../turkish/fold.js';
import { wordsBefore } from './words-before.js';
import { eachMatch } from './each-match.js';


export interface FoundName {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly how: 'label' | 'introduced' | 'signature';
  /** The label it was under, folded ("adi soyadi", "abone"). */
  readonly label?: string;
}

const NAME_LABEL = /(?<![a-z])(ad(?= ?:)|yonetici(?:si)?(?= [a-z]+ [a-z]+)|ad[i]? ?soyad[i]? ?|ad[i]?[,/] ?soyad[i]?|soyad[i]?[,/] ?ad[i]?|abonelik (?:onun |kendisinin )?(?:uzerine|uzerinde)|isim ?soyisim|adi ve soyadi|abone ad[i]?( soyadi)?|adim soyadim|basvuru sahibi|basvuran|musteri ad[i]?( soyadi)?|isim|kimden|gonderen|yetkili(?= ?:)|kiraci(?= ?:)|abone(?= ?:)|soyad[i]? ?ad[i]?|soyadi ve adi)(?![a-z])[ \t]*[:=\-–|]?[ \t]*/g;
const INTRODUCTION = /(?<![a-z])(ben (?:onun )?(?:oglu|kizi|esi|komsusu|torunu|yegeni|gelini|damadi|avukati|vekili|kiracisi|ev sahibi)|ben (?:emekli )?(?:ogretmen|hemsire|doktor|muhendis|avukat|memur|esnaf)|ben emekli|benim adim|ben de|ben(?! de\b)|adim|ismim)(?:[ \t]*:)?[ \t]+\(?/g;
/** "adı Nermin Aksoy": the person the text is about, the writer or whom they write for. */
const NAMED = /(?<![a-z])(kendisinin adi|kendi adi|adi|ismi)[ \t]+/g;

/** Every match of `re` (global) in the folded text, in order. */
function matchesOf(re: RegExp, folded: string): RegExpMatchArray[] {
  return [...eachMatch(re, folded)];
}

/** Titles before a signed name: "Av. Deniz Erkan", "Op. Dr. …", "Emekli Öğretmen …". */
const TITLES = /^((av|dr|op|prof|doç|doc|müh|muh|mim|ecz|uzm|yrd|öğr|ogr|y|yük|yuk)\.\s*)+|^(emekli\s+)?(öğretmen|ogretmen|hemşire|hemsire|mühendis|muhendis|avukat|doktor)\s+/iu;

/** Labels that name the writer acting for someone: the heir, the proxy, the person to call. */
const WRITER_LABEL = /(?<![a-z])(mirasci|vekil(i)?|vasi(si)?|basvuran|irtibat|iletisim kurulacak kisi|basvuruyu yapan)(?: ?\([^)\n]{1,20}\))?[ \t]*[:=\-–][ \t]*/g;

/** Names under a label that names the writer ("Mirasçı:", "İrtibat (ablası):"). */
export function writerLabelledNames(text: string, folded: string): FoundName[] {
  return matchesOf(WRITER_LABEL, folded).flatMap((m) => {
    const from = (m.index ?? 0) + m[0].length;
    const name = readName(text, from, false);
    return name === null ? [] : [{ value: name.value, start: from, end: name.end, how: 'label' as const, label: m[1] ?? '' }];
  });
}

/** Names under a label, in order. `folded` is the text folded with offsets kept. */
export function labelledNames(text: string, folded: string): FoundName[] {
  return matchesOf(NAME_LABEL, folded).flatMap((m) => {
    const from = (m.index ?? 0) + m[0].length;
    const label = m[1] ?? '';
    // "Soyadı, Adı: ÖZTÜRK, Elif", "soyad ad: KARA BURAK": the surname first, by the label's word.
    if (label.startsWith('soyad')) {
      const surname = /^([\p{L}][\p{L}'’-]*),?\s+/u.exec(text.slice(from));
      const given = surname === null ? null : readName(text, from + surname[0].length, false);
      if (surname !== null && given !== null) return [{ value: `${given.value} ${surname[1] ?? ''}`, start: from, end: given.end, how: 'label' as const, label }];
    }
    // Without a colon the label may be a word of the sentence ("isim vermedi"): a name must follow.
    const name = readName(text, from, !/[:=|\-–]/.test(m[0]));
    return name === null ? [] : [{ value: name.value, start: from, end: name.end, how: 'label' as const, label }];
  });
}

/** Names a writer introduces themself with ("Ben Ayşe Yılmaz"), in order. */
export function introducedNames(text: string, folded: string): FoundName[] {
  return matchesOf(INTRODUCTION, folded).flatMap((m) => {
    let from = (m.index ?? 0) + m[0].length;
    let name = readName(text, from, true);
    // "Ben 1948 doğumlu emekli öğretmen Mehmet Nuri Ertaş": a few words may stand before the name,
    // which then starts with a capital and a known given name.
    for (let skipped = 0; name === null && skipped < 5; skipped++) {
      const next = /^\S+\s+/.exec(text.slice(from, text.indexOf('\n', from) < 0 ? undefined : text.indexOf('\n', from)));
      // "ben annem Zehra Yıldırım adına": past a relation word the name is someone else's.
      if (next === null || /^(anne|baba|es|ogl|kiz|komsu|kardes|abla|abi|dede|nine|anane|anneanne|babaanne|teyze|hala|amca|dayi|kayin|muvekkil|kiraci)/.test(foldTurkish(next[0]))) break;
      from += next[0].length;
      const word = /^[\p{L}]+/u.exec(text.slice(from))?.[0] ?? '';
      if (word !== '' && isGivenName(foldTurkish(word))) name = readName(text, from, true);
    }
    // "Ben de" and "ben evde yokken": one word that is not a known given name is no introduction.
    if (name === null || (!name.value.includes(' ') && !isGivenName(foldTurkish(name.value)))) return [];
    return [{ value: name.value, start: from, end: name.end, how: 'introduced' as const }];
  });
}

/** "Ertürk, Sibel", "DEMİRCİ, Ömer": a line that is a surname, a comma and a given name, as lists and forms write it. */
function surnameComma(line: string, start: number): FoundName | null {
  // Most lines have no ", " at all: no need to trim them and try the pattern.
  if (!line.includes(', ')) return null;
  const m = /^([\p{L}][\p{L}'’-]+), ([\p{L}][\p{L}'’-]+(?: [\p{L}][\p{L}'’-]+)?)$/u.exec(line.replace(/[.,]+$/, ''));
  if (m === null || !isGivenName(foldTurkish((m[2] ?? '').split(' ')[0] ?? '')) || isGivenName(foldTurkish(m[1] ?? ''))) return null;
  return { value: `${m[2] ?? ''} ${m[1] ?? ''}`, start, end: start + line.length, how: 'signature' };
}

/** The name on the first lines of a signature block: a line that is nothing but a name. */
export function signatureName(signature: string): FoundName | null {
  let offset = 0;
  for (const line of signature.split('\n').slice(0, 4)) {
    const trimmed = line.trim().replace(/^(saygilarimla|saygılarımla|saygılar|iyi çalışmalar|teşekkürler|tesekkurler|hürmetlerimle)[.,!]*\s*/iu, '').replace(TITLES, '');
    const start = offset + line.indexOf(trimmed);
    offset += line.length + 1;
    if (trimmed === '') continue;
    const reversed = surnameComma(trimmed, start);
    if (reversed !== null) return reversed;
    const name = readName(trimmed, 0, false);
    const words = name?.value.split(' ') ?? [];
    if (name !== null && name.value.length === trimmed.replace(/[.,]+$/, '').length && words.length >= 2 && words.length <= 4) {
      return { value: name.value, start, end: start + name.value.length, how: 'signature' };
    }
  }
  return null;
}

const RELATIVE = /(?<![a-z])(kiracim|musterim|muvekkilim|ananem|annem|babam|esim|oglum|kizim|komsumuz|komsum|annemiz|babamiz|kardesim|ablam|abim|dedem|ninem|anneannem|babaannem|teyzem|halam|amcam|dayim|kayinvalidem|kayinpederim)(in adi( soyadi)?|,|:| adina:?)?[ \t]+(?:(?:sayin|rahmetli|merhum)[ \t]+)?/g;

/** The name of the relative someone writes for: "annem Fatma Kaya adına", "annemin adı Fatma Kaya". */
export function relativeNames(text: string, folded: string): FoundName[] {
  return matchesOf(RELATIVE, folded).flatMap((m) => {
    const from = (m.index ?? 0) + m[0].length;
    const name = readName(text, from, true);
    if (name === null) return [];
    // "komşum Refika Hanım için … Refika Erdem": a given name alone, completed where the text gives it whole.
    if (!name.value.includes(' ')) {
      const whole = new RegExp(`(?<![\\p{L}])${name.value}\\s+\\p{Lu}[\\p{L}]+`, 'u').exec(text.slice(name.end));
      const full = whole === null ? null : readName(text, name.end + whole.index, true);
      return full !== null && full.value.includes(' ') ? [{ value: full.value, start: name.end + (whole?.index ?? 0), end: full.end, how: 'label' as const }] : [];
    }
    return [{ value: name.value, start: from, end: name.end, how: 'label' as const }];
  });
}

const CLOSING_IN_LINE = /(?<![a-z])(saygilarimla|saygilar|hurmetlerimle|tesekkurler|tesekkur ederim|iyi calismalar|iyi gunler)[.,!]*[ \t]+/g;

/** A name right after a closing at the end of a one-line text: "… Saygılarımla Mehmet Kaya". */
export function closingName(text: string, folded: string): FoundName | null {
  const last = matchesOf(CLOSING_IN_LINE, folded).at(-1);
  if (last === undefined) return null;
  const from = (last.index ?? 0) + last[0].length;
  const name = readName(text, from, true);
  if (name === null || !name.value.includes(' ') || text.slice(name.end).trim().replace(/[.!]/g, '').length > 0) return null;
  return { value: name.value, start: from, end: name.end, how: 'signature' };
}

/** Names a text gives as someone's ("adı Nermin Aksoy"), in order. */
export function namedNames(text: string, folded: string): FoundName[] {
  return matchesOf(NAMED, folded).flatMap((m) => {
    const from = (m.index ?? 0) + m[0].length;
    const name = readName(text, from, true);
    return name === null || !name.value.includes(' ') ? [] : [{ value: name.value, start: from, end: name.end, how: 'label' as const }];
  });
}

/**
 * Characters neither a name nor a "Surname, Given" line holds: readName stops at each, and titles
 * before a name have none, so a line holding one is no name line.
 */
const NOT_IN_NAME_LINE = /[0-9;:!?()"<>[\]]/;

/** Whether a code unit is white space as `\s` and `trimEnd` take it. */
function isWhiteSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a)
    || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff;
}

/**
 * The first character of a line's last word (what follows its last white space, trailing white
 * space left out), '' when it has none: read in place, as every line of every text is asked.
 */
function lastWordStart(line: string): string {
  let end = line.length;
  while (end > 0 && isWhiteSpace(line.charCodeAt(end - 1))) end--;
  let start = end;
  while (start > 0 && !isWhiteSpace(line.charCodeAt(start - 1))) start--;
  return start === end ? '' : line.charAt(start);
}

/**
 * The lines that are nothing but a name, as petitions and letters are signed ("Mustafa ŞAHİN" above
 * "(imza)", "Yönetici" then "Halil İbrahim Sarı"), in order. Each line's first word is a known given
 * name, so that letterheads and offices ("GÜNEŞ APARTMANI YÖNETİCİLİĞİ") are not taken.
 */
export function nameLines(text: string): FoundName[] {
  let offset = 0;
  const found: FoundName[] = [];
  for (const line of text.split('\n')) {
    const start = offset;
    offset += line.length + 1;
    // Most lines are sentences, and most sentences hold a digit or a stop no name has: not read further.
    if (NOT_IN_NAME_LINE.test(line)) continue;
    // Every word of a name line has a capital, its last included, unless it is "Surname, Given":
    // a line ending in a word without one is a sentence.
    if (!line.includes(', ') && !isCapitalised(lastWordStart(line))) continue;
    const trimmed = line.trim().replace(TITLES, '');
    const at = start + line.indexOf(trimmed);
    const reversed = surnameComma(trimmed, at);
    if (reversed !== null) {
      found.push(reversed);
      continue;
    }
    const words = trimmed.split(/\s+/);
    if (words.length < 2 || words.length > 4 || !isGivenName(foldTurkish(words[0] ?? ''))) continue;
    const name = readName(trimmed, 0, true);
    if (name !== null && name.value === trimmed && words.every(isCapitalised)) found.push({ value: trimmed, start: at, end: at + trimmed.length, how: 'signature' });
  }
  return found;
}

/** The last line of the text that is nothing but a name (nameLines): the one that signs it. */
export function nameLine(text: string): FoundName | null {
  return nameLines(text).at(-1) ?? null;
}

/** The run of a-z letters at `from` in a folded text, at most `max` of them. */
function lettersAt(folded: string, from: number, max: number): string {
  let end = from;
  const limit = Math.min(folded.length, from + max);
  while (end < limit && isLowerAscii(folded.charCodeAt(end))) end++;
  return folded.slice(from, end);
}

function isLowerAscii(code: number): boolean {
  return code >= 0x61 && code <= 0x7a;
}

/** A stop that ends a clause, or a digit: a run of words after it starts a clause. */
function endsClause(code: number): boolean {
  return code === 0x2e || code === 0x2c || code === 0x3b || code === 0x21 || code === 0x3f || code === 0x0a || (code >= 0x30 && code <= 0x39);
}

/**
 * Where a clause or a run of words after a number starts (a name may start there), last first:
 * each a-z letter after the start of the text, a stop or a digit, and spaces or tabs. What
 * `/(?:^|[.,;!?\n]|[0-9])[ \t]*(?=[a-z])/g` finds, read from the end, as the last one counts.
 */
function clauseStartsFromEnd(folded: string): number[] {
  const starts: number[] = [];
  for (let at = folded.length - 1; at >= 0; at--) {
    if (!isLowerAscii(folded.charCodeAt(at))) continue;
    let before = at;
    while (before > 0 && (folded.charCodeAt(before - 1) === 0x20 || folded.charCodeAt(before - 1) === 0x09)) before--;
    if (before === 0 || endsClause(folded.charCodeAt(before - 1))) starts.push(at);
  }
  return starts;
}

/**
 * A name the text ends with, or that stands among its labelled numbers, as short messages are
 * signed: "… beni 0 542 318 90 27den arayın. sinan kara", "tc 396… tel 533… mehmet kaya". Its first
 * word must be a known given name.
 */
export function trailingName(text: string, folded: string): FoundName | null {
  // The last one counts: read from the end, and stop at the first that qualifies.
  for (const from of clauseStartsFromEnd(folded)) {
    if (!isGivenName(lettersAt(folded, from, 24))) continue;
    const name = readName(text, from, true);
    if (name === null || !name.value.includes(' ')) continue;
    const after = folded.slice(name.end).trimStart();
    if (after === '' || /^[.,;!]*\s*$/.test(after) || /^(tel|tc|t\.c|cep|gsm|adres|shn|abone|no\b|[0-9])/.test(after)
      // "… zeynep kara, sariyerde oturuyorum", "… sevgul ates ugur mumcu mh …": a short clause or an address after it.
      || /^,(\s*[a-z]+){1,5}[.!]?\s*$/.test(after) || /^[.,]?\s*([a-z]+\.? ){1,3}(mh|mah|cd|cad|sk|sok)\b/.test(after)) return { value: name.value, start: from, end: name.end, how: 'signature' };
  }
  return null;
}

/** "Şenol Ertürk olarak …": a name in capitals opening a sentence, then "olarak". */
const AS_NAME = /(?:^|[.!?]\s+|\n)\s*((?:\p{Lu}[\p{L}'’-]+ ){1,3})olarak\b/gu;

/** "Hüsnü Yılmazer ben", "Serdar Koç arıyorum": a name said just before "ben" or a verb of calling or writing. */
const THEN_ME = /(?<![a-z])(ben|benim|ariyorum|yaziyorum|konusuyorum)(?![a-z])/g;

/** The two or three words before each "ben"/"arıyorum", found on the folded text and read on the text. */
function beforeMe(text: string, folded: string): { 0: string; 1: string; index: number }[] {
  const found: { 0: string; 1: string; index: number }[] = [];
  for (const m of eachMatch(THEN_ME, folded)) {
    const before = wordsBefore(text, m.index, 60);
    if (before !== null) found.push({ 0: before.words, 1: before.words, index: before.start });
  }
  return found;
}

/** Names a writer gives as who they are in a sentence ("Ayşe Yılmaz olarak yazıyorum", "Hüsnü Yılmazer ben"). */
export function namesAs(text: string, folded: string = foldKeepingOffsets(text)): FoundName[] {
  const found: FoundName[] = [];
  // "olarak" is in every match of AS_NAME: a text without it is not searched.
  for (const matches of [text.includes('olarak') ? [...eachMatch(AS_NAME, text)] : [], beforeMe(text, folded)]) {
    for (const m of matches) {
      const words = (m[1] ?? '').trim().split(' ');
      // The name is the words from the last given name that opens two or three name words.
      for (let i = 0; i + 1 < words.length; i++) {
        if (!isGivenName(foldTurkish(words[i] ?? ''))) continue;
        const candidate = words.slice(i).join(' ');
        const read = readName(candidate, 0, true);
        if (read === null || read.value !== candidate || !candidate.includes(' ')) continue;
        const start = m.index + m[0].indexOf(candidate);
        found.push({ value: candidate, start, end: start + candidate.length, how: 'introduced' });
        break;
      }
    }
  }
  return found;
}

/** A single given name the text ends with ("… benim 0535… - selma"): a writer signing an SMS with their first name. */
export function endingGivenName(text: string, folded: string): FoundName | null {
  // Set apart as a signature is: after a line break, a dash, a comma or a full stop, not in the run of a sentence.
  const m = /(?:^|\n|[\-–,.]\s*)(?:(?:yonetici(?:si|niz)?|gelini|torunu|oglu|kizi|komsusu|esi|kiracisi)\s+)?([a-z]+)[.!]?\s*$/.exec(folded);
  const word = m?.[1];
  if (m === undefined || m === null || word === undefined || !isGivenName(word)) return null;
  const start = m.index + m[0].indexOf(word);
  return { value: text.slice(start, start + word.length), start, end: start + word.length, how: 'signature' };
}

/** "soyadım Yücel adım Barış": the surname said first, as some callers do. */
export function surnameThenName(text: string, folded: string): FoundName | null {
  // "adım Bahar, soyadım Çelik": the given name said first, then the surname.
  const first = /(?<![a-z])adim ([a-z]+),? (?:ve )?soyadim ([a-z]+)/d.exec(folded);
  if (first !== null && isGivenName(first[1] ?? '')) {
    const span = (g: number): string => ((s) => (s === undefined ? '' : text.slice(s[0], s[1])))(first.indices?.[g]);
    return { value: `${span(1)} ${span(2)}`, start: first.index, end: first.index + first[0].length, how: 'introduced' };
  }
  const m = /(?<![a-z])soyadim ([a-z]+) (?:ve )?adim ([a-z]+)(?: ([a-z]+))?/d.exec(folded);
  if (m === null || !isGivenName(m[2] ?? '')) return null;
  // The words as written, at the offsets the match found them (folding keeps offsets).
  const written = (group: number): string | null => {
    const span = m.indices?.[group];
    return span === undefined ? null : text.slice(span[0], span[1]);
  };
  const surname = written(1) ?? '';
  const given = [2, 3].filter((g) => m[g] !== undefined && isGivenName(m[g] ?? '')).map(written).filter((w): w is string => w !== null);
  return { value: [...given, surname].join(' '), start: m.index, end: m.index + m[0].length, how: 'introduced' };
}

/** Whether a display name or a line reads as a person's name rather than an office's ("ATAKÖY APT. YÖNETİMİ"). */
export function looksLikePersonName(value: string): boolean {
  const words = value.split(/\s+/).map((w) => foldTurkish(w).replace(/[.'’]/g, ''));
  return words.length >= 2 && words.every((w, i) => w !== '' && (i > 0 || !NOT_NAME.has(w)) && !NOT_NAME_START.test(w) && !isDistrictName(w));
}

/**
 * The last line of the own words when it is nothing but a name, lower case included ("tarık
 * yıldız" above a mobile signature): its first word must be a known given name.
 */
export function lastLineName(own: string): FoundName | null {
  const lines = own.trimEnd().split('\n');
  const last = (lines.at(-1) ?? '').trim().replace(/[.,]+$/, '');
  if (lines.length < 2 || !/^\S+( \S+){1,2}$/.test(last) || !isGivenName(foldTurkish(last.split(' ')[0] ?? ''))) return null;
  const name = readName(last, 0, true);
  if (name === null || name.value !== last) return null;
  const start = own.lastIndexOf(last);
  return { value: last, start, end: start + last.length, how: 'signature' };
}

/** "Sayın SİBEL ORAL,": how the utility's own quoted mail addressed the customer. */
export function greetedName(quoted: string): FoundName | null {
  const m = /^\s*Sayın ([^,\n]{3,60}),?\s*$/mu.exec(quoted);
  const name = m === null ? null : readName(m[1] ?? '', 0, false);
  if (m === null || name === null || name.value !== (m[1] ?? '').trim() || !name.value.includes(' ')) return null;
  return { value: name.value, start: -1, end: -1, how: 'label' };
}

/** "adına", with the honorific before it. */
const ON_BEHALF = /(?<![a-z])(?:(?:hanim|bey|teyze|amca)\s+)?adina(?![a-z])/g;

/** "… sahibi Hakan Demir adına", "gülsüm ateş hanım adına": the person named just before "adına". */
export function nameBeforeOnBehalf(text: string, folded: string): FoundName | null {
  for (const m of eachMatch(ON_BEHALF, folded)) {
    const before = wordsBefore(text, m.index, 50);
    if (before === null) continue;
    const words = before.words.trim().split(' ');
    for (let i = 0; i + 1 < words.length; i++) {
      if (!isGivenName(foldTurkish(words[i] ?? ''))) continue;
      const candidate = words.slice(i).join(' ');
      const name = readName(candidate, 0, true);
      if (name === null || !name.value.includes(' ')) continue;
      const start = before.start + before.words.indexOf(candidate);
      return { value: name.value, start, end: start + name.value.length, how: 'label' };
    }
  }
  return null;
}

/** "bana ulaşabilirsiniz: Gül Sarı, 0 (532) …": the writer names themself where they ask to be called. */
export function nameToCall(text: string, folded: string): FoundName | null {
  const m = /(?<![a-z])(bana|beni)\s+(ulas|ara|don)\w*\s*:\s*/.exec(folded);
  if (m === null) return null;
  const from = m.index + m[0].length;
  const name = readName(text, from, true);
  return name === null || !name.value.includes(' ') ? null : { value: name.value, start: from, end: name.end, how: 'label' };
}
