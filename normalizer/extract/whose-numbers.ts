/**
 * Which of a text's numbers are the customer's: the national ID (labelled first, else the one valid
 * unlabelled number), the contract account number (only labelled), and the phones, told apart by
 * whose they are ("annemin", "benim", a firm's) and which to call ("tercihen cep").
 */
import { isValidNationalId } from '../rules/national-id.js';
import type { DigitRun } from './numbers.js';
import { ownerBefore } from './people.js';
import { findPhones, type FoundPhone } from './phones.js';
import type { Reading } from './reading.js';

export interface IdChoice { nationalId: DigitRun | null; invalid: string | null }

/** The customer's national ID among the runs: labelled first; else the one valid unlabelled number. */
function chooseNationalId(runs: readonly DigitRun[], folded: string, forSomeone: boolean): IdChoice {
  const whose = (r: DigitRun): boolean => {
    const owner = ownerBefore(folded, r.label?.start ?? r.start);
    return forSomeone ? owner !== 'self' : owner !== 'other';
  };
  const labelled = runs.filter((r) => r.label?.kind === 'nationalId' && whose(r));
  // Several valid ones: a form's own line ("TC Kimlik No: …") before one in passing ("Ev sahibim X (TC: …)").
  const validOnes = labelled.filter((r) => isValidNationalId(r.digits));
  const onOwnLine = (r: DigitRun): boolean => /^\s*$/.test(folded.slice(folded.lastIndexOf('\n', r.label?.start ?? r.start) + 1, r.label?.start ?? r.start));
  const valid = validOnes.length > 1 && new Set(validOnes.map((r) => r.digits)).size > 1 ? (validOnes.find(onOwnLine) ?? validOnes[0]) : validOnes[0];
  if (valid !== undefined) return { nationalId: valid, invalid: null };
  const unlabelled = runs.filter((r) => r.label === null && isValidNationalId(r.digits) && whose(r));
  const distinct = new Set(unlabelled.map((r) => r.digits));
  const invalid = labelled.find((r) => r.digits.length >= 9 && r.digits.length <= 13)?.digits ?? null;
  return { nationalId: distinct.size === 1 ? (unlabelled[0] ?? null) : null, invalid: distinct.size === 1 ? null : invalid };
}

/** A line that opens with a phone label and holds nothing else before the number. */
const CONTACT_LINE = /^\s*(tel(efon)?\w*|gsm|cep\w*|iletisim|ulasim|irtibat|mobil|telefon numaram)\s*[:.]?\s*$/;

/** A number the customer says they no longer use. */
const OLD_NUMBER = /eski (numara|telefon|cep|hat)\w*[^0-9a-z]{0,4}$/;
/** The customer asks to be called on their mobile, or at work. */
const MOBILE_WANTED = /(?<![a-z])(cepten|cep telefonum(dan|a)|cep numaram(dan|a)|cebimden|cebime)(?![a-z])/;
const WORK_WANTED = /(?<![a-z])is (telefonum|hattim|numaram)(dan|a)(?![a-z])/;

/** Words that say which number to call: "tercihen cep", "cepten ulaşın", "bu numaradan arayın". */
const PREFERRED = /(tercihen|cepten|cep ten|ulasin|ulasiniz|ulasabilirsiniz|arayin|arayiniz|arayabilirsiniz|donus)[^0-9\n]{0,25}$/;

function choosePhone(phones: readonly FoundPhone[], folded: string, forSomeone: boolean, taken: readonly DigitRun[]): { customer: FoundPhone | null; writer: FoundPhone | null } {
  const free = phones.filter((p) => !taken.some((r) => r.start < p.end && p.start < r.end));
  const owned = free.map((p) => ({
    p, owner: ownerBefore(folded, p.start, true), preferred: PREFERRED.test(folded.slice(Math.max(0, p.start - 40), p.start)),
    // On a line of its own under a label ("Tel:", "İletişim:", "GSM:"): the contact line of a letter or a form.
    labelled: CONTACT_LINE.test(folded.slice(folded.lastIndexOf('\n', p.start) + 1, p.start)),
  }));
  if (!forSomeone) {
    // "eski numaram (0532…) artık kullanılmıyor": a number the customer gave up is not theirs to call.
    const own = owned.filter((o) => o.owner !== 'other' && o.owner !== 'third' && !OLD_NUMBER.test(folded.slice(Math.max(0, o.p.start - 30), o.p.start)));
    // "lütfen cepten arayın", "iş telefonumdan ulaşabilirsiniz": said anywhere, it picks among the customer's numbers.
    const wanted = MOBILE_WANTED.test(folded) ? own.find((o) => o.p.e164.startsWith('+905'))
      : WORK_WANTED.test(folded) ? own.find((o) => /(?<![a-z])is\b[^0-9\n]{0,12}$/.test(folded.slice(Math.max(0, o.p.start - 16), o.p.start))) : undefined;
    return { customer: (own.find((o) => o.preferred) ?? wanted ?? own.find((o) => o.owner === 'self') ?? own.find((o) => o.labelled) ?? own[0])?.p ?? null, writer: null };
  }
  // "Hakan Bey'e 0532 … numarasından ulaşılabilir": the person written for, by their honorific.
  const honoured = (o: { p: FoundPhone }): boolean => /(bey|hanim)['’]?(e|a|ye|ya|in|nin|un|nun)?(?![a-z])[^0-9\n]{0,40}$/.test(folded.slice(Math.max(0, o.p.start - 50), o.p.start));
  const theirs = owned.find((o) => o.owner === 'other' || (o.owner === 'third' && honoured(o)))?.p ?? null;
  const mine = owned.find((o) => o.owner === 'self')?.p ?? null;
  const unsaid = owned.find((o) => o.owner === null)?.p ?? null;
  return { customer: theirs ?? unsaid ?? mine, writer: mine };
}

export interface Numbers { id: IdChoice; account: DigitRun | null; phones: { customer: FoundPhone | null; writer: FoundPhone | null } }

/** The customer's ID, account number and phone among the runs, and the writer's phone when they write for someone. */
export function readNumbers(reading: Reading, runs: readonly DigitRun[], forSomeone: boolean): Numbers {
  const id = chooseNationalId(runs, reading.folded, forSomeone);
  const account = runs.find((r) => r.label?.kind === 'account' && r.digits.length >= 6 && r.digits.length <= 12 && r.digits !== id.nationalId?.digits) ?? null;
  // A number under an ID, account, meter or fax label is that, however phone-like its digits.
  const taken = [id.nationalId, account, ...runs.filter((r) => r.label !== null && r.label.kind !== 'phone')].filter((r): r is DigitRun => r !== null);
  const phones = choosePhone(findPhones(reading.text, taken), reading.folded, forSomeone, taken);
  return { id, account, phones };
}
