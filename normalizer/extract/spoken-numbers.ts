/**
 * Spoken numbers in Turkish speech-to-text transcripts, written as digits. A caller dictating a
 * phone number says it in groups ("sıfır beş yüz otuz iki yüz yirmi üç kırk beş altmış yedi") and
 * the transcriber writes the words; the extractors read typed digits ("0 532 123 45 67"), so each
 * run of number words is rewritten as its digit groups, one space between groups, and every other
 * character of the transcript is kept as it was.
 *
 * A group is [hundreds][tens][ones], read greedily left to right; a word that cannot extend the
 * current group starts the next one, "sıfır" is always a group of its own, and "bin" multiplies
 * what came before it in the group (years: "iki bin yirmi altı" → 2026). Only exact number words
 * count: "yediyi", "onuncu", "birkaç" and "bine" stay words.
 *
 * One pass over the text with a regular expression that cannot backtrack, so the time is linear in
 * the length of the transcript.
 */
import { eachMatch } from './each-match.js';

type Kind = 'zero' | 'ones' | 'tens' | 'hundred' | 'thousand';

interface NumberWord {
  readonly kind: Kind;
  readonly value: number;
}

/** Number words in the plain folded form (ı → i, ş → s, ü → u, ö → o, ç → c, ğ → g). */
const NUMBER_WORDS: ReadonlyMap<string, NumberWord> = new Map<string, NumberWord>([
  ['sifir', { kind: 'zero', value: 0 }],
  ['bir', { kind: 'ones', value: 1 }],
  ['iki', { kind: 'ones', value: 2 }],
  ['uc', { kind: 'ones', value: 3 }],
  ['dort', { kind: 'ones', value: 4 }],
  ['bes', { kind: 'ones', value: 5 }],
  ['alti', { kind: 'ones', value: 6 }],
  ['yedi', { kind: 'ones', value: 7 }],
  ['sekiz', { kind: 'ones', value: 8 }],
  ['dokuz', { kind: 'ones', value: 9 }],
  ['on', { kind: 'tens', value: 10 }],
  ['yirmi', { kind: 'tens', value: 20 }],
  ['otuz', { kind: 'tens', value: 30 }],
  ['kirk', { kind: 'tens', value: 40 }],
  ['elli', { kind: 'tens', value: 50 }],
  ['altmis', { kind: 'tens', value: 60 }],
  ['yetmis', { kind: 'tens', value: 70 }],
  ['seksen', { kind: 'tens', value: 80 }],
  ['doksan', { kind: 'tens', value: 90 }],
  ['yuz', { kind: 'hundred', value: 100 }],
  ['bin', { kind: 'thousand', value: 1000 }],
]);

/**
 * Turkish case folding to the plain form, letter by letter: what NFC, a tr-TR lower case
 * (İ → i, I → ı) and ç ğ ı ö ş ü â î û → c g i o s u a i u give for every letter a number word
 * can contain. A word with any other letter is not a number word.
 */
const FOLD: Readonly<Record<string, string>> = (() => {
  const table: Record<string, string> = {};
  for (let code = 97; code <= 122; code++) {
    const lower = String.fromCharCode(code);
    table[lower] = lower;
    table[lower.toUpperCase()] = lower;
  }
  // "I" is already in the table as i: its Turkish lower case ı folds to i as well.
  const turkish: Readonly<Record<string, string>> = {
    ç: 'c', Ç: 'c', ğ: 'g', Ğ: 'g', ı: 'i', İ: 'i', ö: 'o', Ö: 'o', ş: 's', Ş: 's', ü: 'u', Ü: 'u', â: 'a', Â: 'a', î: 'i', Î: 'i', û: 'u', Û: 'u',
  };
  return { ...table, ...turkish };
})();

/**
 * A word: letters, marks and digits, with apostrophes only inside ("yedi'yi" is one word, so a
 * number word with a suffix after an apostrophe stays a word). Each part after an apostrophe must
 * start with a word character, so no position can be matched two ways.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’ʼ][\p{L}\p{M}\p{N}]+)*/gu;

/** Text between two number words that keeps them in one run: whitespace and , . - (and – —). */
const JOINER = /^[\s,.\-–—]+$/;

/** Punctuation in a joiner, which ends the current group. */
const BREAK = /[,.\-–—]/;

/** No number word is longer than this, even decomposed (NFD) with its combining marks. */
const MAX_WORD_LENGTH = 12;

const ASCII_DIGITS = /^[0-9]+$/;

const ASCII_LETTERS = /^[A-Za-z]+$/;

/** The first letters of the number words, folded. */
const FIRST_LETTERS: ReadonlySet<string> = new Set([...NUMBER_WORDS.keys()].map((w) => w.charAt(0)));

/** The number word `word` spells, or null when it is not exactly a number word. */
function numberWord(word: string): NumberWord | null {
  if (word.length < 2 || word.length > MAX_WORD_LENGTH) return null;
  // Most words of a transcript start with a letter no number word starts with: they need no folding.
  // A letter composed with the marks after it folds as it does alone, and a character outside
  // the table may compose (NFC) into one in it, so only a letter in the table is judged here.
  const first = FOLD[word.charAt(0)];
  if (first !== undefined && !FIRST_LETTERS.has(first)) return null;
  // Plain ASCII needs no locale: "I" folds to ı and then to i, the same as toLowerCase gives.
  if (ASCII_LETTERS.test(word)) return NUMBER_WORDS.get(word.toLowerCase()) ?? null;
  let folded = '';
  for (const c of word.normalize('NFC')) {
    const plain = FOLD[c];
    // Any other letter cannot be part of a number word.
    if (plain === undefined) return null;
    folded += plain;
  }
  return NUMBER_WORDS.get(folded) ?? null;
}

/** A number word or a run of typed digits, as found in the text. */
interface Item {
  readonly start: number;
  readonly end: number;
  /** The number word, or null for typed digits. */
  readonly word: NumberWord | null;
  /** The text between the previous item of the run and this one ('' for the first). */
  readonly before: string;
}

/** Whether the item is the word "bir", the only ones word worth 1, which is also the indefinite article. */
function isBir(item: Item): boolean {
  return item.word !== null && item.word.kind === 'ones' && item.word.value === 1;
}

interface Group {
  thousands: number | null;
  hundreds: number | null;
  tens: number | null;
  ones: number | null;
}

function freshGroup(): Group {
  return { thousands: null, hundreds: null, tens: null, ones: null };
}

/** Whether the part of the group below the thousands is still empty. */
function belowThousandsEmpty(group: Group): boolean {
  return group.hundreds === null && group.tens === null && group.ones === null;
}

function belowThousands(group: Group): number {
  return (group.hundreds ?? 0) + (group.tens ?? 0) + (group.ones ?? 0);
}

/** Writes the group (if any) to `done` and returns null, the new current group. */
function close(group: Group | null, done: string[]): null {
  if (group !== null) done.push(String((group.thousands ?? 0) * 1000 + belowThousands(group)));
  return null;
}

/** The digit groups of consecutive number words; `breaks[i]` says punctuation stood before word i. */
function digitGroups(words: readonly NumberWord[], breaks: readonly boolean[]): string[] {
  const done: string[] = [];
  let group: Group | null = null;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (breaks[i] === true) group = close(group, done);
    switch (word.kind) {
      case 'zero':
        group = close(group, done);
        done.push('0');
        break;
      case 'thousand':
        if (group !== null && group.thousands === null) {
          group = { thousands: belowThousands(group), hundreds: null, tens: null, ones: null };
        } else {
          group = close(group, done);
          group = { thousands: 1, hundreds: null, tens: null, ones: null };
        }
        break;
      case 'hundred':
        // A bare "yüz" starts a group, or follows "bin" ("bin yüz" = 1100).
        if (group === null || !belowThousandsEmpty(group)) {
          group = close(group, done);
          group = freshGroup();
        }
        group.hundreds = 100;
        break;
      case 'tens':
        if (group === null || group.tens !== null || group.ones !== null) {
          group = close(group, done);
          group = freshGroup();
        }
        group.tens = word.value;
        break;
      case 'ones': {
        if (group !== null && !belowThousandsEmpty(group) && group.ones === null) {
          group.ones = word.value;
          break;
        }
        if (group !== null && !belowThousandsEmpty(group)) group = close(group, done);
        group ??= freshGroup();
        // At the start of a group (or right after "bin") a ones word before "yüz" multiplies it.
        const next = words[i + 1];
        if (next !== undefined && next.kind === 'hundred' && breaks[i + 1] !== true) {
          group.hundreds = word.value * 100;
          i++;
        } else {
          group.ones = word.value;
        }
        break;
      }
    }
  }
  close(group, done);
  return done;
}

/** The run written out: number words as digit groups, typed digits as they were. */
function render(run: readonly Item[], text: string): string {
  const first = run[0]!;
  const last = run[run.length - 1]!;
  if (run.every((item) => item.word === null)) return text.slice(first.start, last.end);
  // A lone "bir" is the indefinite article: "bir sorun var".
  if (run.length === 1 && isBir(first)) return text.slice(first.start, first.end);
  const pieces: string[] = [];
  let i = 0;
  while (i < run.length) {
    const item = run[i]!;
    if (item.word === null) {
      // Between two typed numbers the text stays as typed ("0532-123"); next to words, one space.
      if (i > 0) pieces.push(run[i - 1]!.word === null ? item.before : ' ');
      pieces.push(text.slice(item.start, item.end));
      i++;
      continue;
    }
    const words: NumberWord[] = [];
    const breaks: boolean[] = [];
    while (i < run.length) {
      const current = run[i]!;
      if (current.word === null) break;
      words.push(current.word);
      breaks.push(words.length > 1 && BREAK.test(current.before));
      i++;
    }
    if (pieces.length > 0) pieces.push(' ');
    pieces.push(digitGroups(words, breaks).join(' '));
  }
  return pieces.join('');
}

/** The transcript with every run of Turkish number words written as digits; all other text kept as it was. */
export function speechToDigits(text: string): string {
  const out: string[] = [];
  /** Text before this offset is already in `out`. */
  let copied = 0;
  let run: Item[] = [];

  /** Writes out the pending run; `wordFollows` says a non-number word comes next after only whitespace. */
  const flush = (wordFollows: boolean): void => {
    if (run.length === 0) return;
    // "… altmış yedi. Bir sorun var": a "bir" opening a new sentence and followed by a word is the
    // article, not the last digit of the number, so the run ends before the period.
    const last = run[run.length - 1]!;
    if (wordFollows && run.length > 1 && last.before.includes('.') && isBir(last)) run.pop();
    const first = run[0]!;
    out.push(text.slice(copied, first.start), render(run, text));
    copied = run[run.length - 1]!.end;
    run = [];
  };

  for (const match of eachMatch(WORD, text)) {
    const start = match.index;
    const end = start + match[0].length;
    const word = numberWord(match[0]);
    const isNumber = word !== null || ASCII_DIGITS.test(match[0]);
    const previous = run[run.length - 1];
    const before = previous === undefined ? '' : text.slice(previous.end, start);
    if (previous !== undefined && (!isNumber || !JOINER.test(before))) {
      flush(!isNumber && before.length > 0 && before.trim() === '');
    }
    if (isNumber) run.push({ start, end, word, before: run.length === 0 ? '' : before });
  }
  flush(false);
  out.push(text.slice(copied));
  return out.join('');
}
