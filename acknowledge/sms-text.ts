/**
 * The text of an SMS acknowledgement, in Turkish and short: the application number (DOMAIN.md
 * rule 5), what is missing when it is incomplete, and 187 first when gas was reported (rule 7).
 * Turkish letters (ı, ş, ğ, İ) are not in the GSM 7-bit alphabet, so a text is sent as UCS-2: 70
 * characters in one segment, 67 in each of several. The text is held to two segments. Pure.
 */
import { missingInShortTurkish, type MissingField } from './missing-fields.js';

export interface SmsFacts {
  kind: 'crm' | 'needs-info';
  applicationNumber: string;
  emergency: boolean;
  missing: readonly MissingField[];
}

/** Two UCS-2 segments of a concatenated SMS (67 UTF-16 units each: the rest is the joining header). */
export const SMS_MAX_UNITS = 134;

export const EMERGENCY_LINE = "Gaz kokusu için hemen 187'yi arayın.";
// When the list of what is missing does not fit, the call centre asks for it.
const MISSING_FALLBACK = "Eksik bilgileriniz için 153'ü arayın.";

// GSM 03.38's basic alphabet: a text of these alone goes as 7-bit (160 in one segment, 153 each of several).
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/u;

/** How many segments the text takes. */
export function smsSegments(text: string): number {
  const [single, each] = GSM7.test(text) ? [160, 153] : [70, 67];
  return text.length <= single ? 1 : Math.ceil(text.length / each);
}

function missingLine(missing: readonly MissingField[]): string {
  const words = missingInShortTurkish(missing);
  return words.length === 0 ? MISSING_FALLBACK : `Eksik: ${words.join(', ')}.`;
}

export function smsText(f: SmsFacts): string {
  const head = [...(f.emergency ? [EMERGENCY_LINE] : []), `Başvurunuz ${f.applicationNumber} numarasıyla alındı.`];
  if (f.kind !== 'needs-info') return head.join(' ');
  const full = [...head, missingLine(f.missing)].join(' ');
  return full.length <= SMS_MAX_UNITS ? full : [...head, MISSING_FALLBACK].join(' ');
}
