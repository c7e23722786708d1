/**
 * Short things a text names outright: one of our application numbers (a follow-up), an e-mail
 * address, and the customer's own proposed solution ("Önerim: …", "çözüm önerim …").
 */
import type { DigitRun } from './numbers.js';
import { eachMatch } from './each-match.js';

export interface Found {
  readonly value: string;
  readonly start: number;
}

/** `2026-000123`, `2026/000123`, `2026 - 000123`: a year of ours and a six-digit sequence. */
const CASE_NUMBER = /(?<![0-9])(20[2-9][0-9]) ?[-/–] ?([0-9]{6,7})(?![0-9])/g;

const SAID_DASH = /(?<![0-9])(20[2-9][0-9]) (?:tire|çizgi|cizgi|bölü|bolu|eğik çizgi) ((?:[0-9]{1,6} ?){1,6})(?![0-9])/i;

/**
 * The application number the text refers to: written with its dash or slash anywhere, or as ten
 * digits under "Başvuru No" (a transcript says "iki bin yirmi altı sıfır sıfır sıfır yüz yirmi üç").
 */
export function findCaseRef(text: string, runs: readonly DigitRun[]): Found | null {
  CASE_NUMBER.lastIndex = 0;
  const written = CASE_NUMBER.exec(text);
  if (written !== null) return { value: `${written[1] ?? ''}-${written[2] ?? ''}`, start: written.index };
  // A transcript says the dash: "iki bin yirmi altı tire sıfır sıfır otuz bir kırk sekiz" → "2026 tire 0 0 31 48".
  const said = SAID_DASH.exec(text);
  if (said !== null) {
    const sequence = (said[2] ?? '').replace(/ /g, '');
    if (sequence.length === 6) return { value: `${said[1] ?? ''}-${sequence}`, start: said.index };
  }
  const spoken = runs.find((r) => r.label?.kind === 'caseRef' && /^20[2-9][0-9][0-9]{6,7}$/.test(r.digits));
  return spoken === undefined ? null : { value: `${spoken.digits.slice(0, 4)}-${spoken.digits.slice(4)}`, start: spoken.start };
}

const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}\.)+[A-Za-z]{2,24}/g;
/** The utility's own addresses (a quoted reply or a "write to us at" line), never the customer's. */
const OWN_DOMAIN = /@([a-z0-9-]+\.)*igdas\.(com\.tr|com|net|org)$/i;

/** The first e-mail address in the text that is not the utility's. */
export function findEmail(text: string): Found | null {
  if (!text.includes('@')) return null;
  for (const m of eachMatch(EMAIL, text)) {
    if (!OWN_DOMAIN.test(m[0])) return { value: m[0], start: m.index };
  }
  return null;
}

const SOLUTION = /(?<![a-z])(cozum onerim|cozum onerimiz|onerim|onerimiz|teklifim|cozum olarak|talebim|taleplerim|istegim|beklentim)(?! (yok|bulunmamaktadir))( (su|sudur|soyle|su ki|ise))?[ \t]*[:\-–,]?[ \t]*/;

/** The proposed solution: what follows its label, to the end of the paragraph. */
export function findProposedSolution(text: string, folded: string): Found | null {
  const m = SOLUTION.exec(folded);
  if (m === null) return null;
  const from = m.index + m[0].length;
  const paragraphEnd = text.indexOf('\n\n', from);
  const value = text.slice(from, paragraphEnd < 0 ? text.length : paragraphEnd).trim();
  return value.length < 3 ? null : { value, start: from };
}
