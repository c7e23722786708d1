/**
 * Who the text is about and who wrote it. Usually one person: the customer, named under a label,
 * introduced, or signed. Someone may write for a parent, a tenant or a neighbour: the customer is
 * then that person, and the writer, with their own number when the text says which is theirs, is
 * the contact person. The e-mail's display name stands in only when the text names no one.
 */
import type { TextSource } from '../../schemas/types.generated.js';
import { foldTurkish } from '../turkish/fold.js';
import {
  closingName, endingGivenName, greetedName, nameBeforeOnBehalf, nameToCall, introducedNames, labelledNames, lastLineName, looksLikePersonName, nameLines, namedNames, namesAs, relativeNames,
  signatureName, surnameThenName, trailingName, writerLabelledNames, type FoundName,
} from './names.js';
import type { MessageParts } from './parts.js';
import { sentFromSomeoneElsesMailbox } from './people.js';
import { findPhones, type FoundPhone } from './phones.js';
import type { MessageReading } from './reading.js';

export interface Who {
  /** The customer's name as the text gives it. */
  readonly customer: FoundName | null;
  /** The e-mail's display name, when it may stand for the customer's (the mailbox is theirs). */
  readonly displayName: string | null;
  /** Whether the writer acts for someone else; then `writer` and `writerPhone` are the contact person. */
  readonly actsFor: boolean;
  readonly writer: FoundName | null;
  readonly writerPhone: string | null;
}

export interface WhoInput {
  readonly senderName: string | null;
  readonly sender: string | null;
  readonly source: TextSource;
}

const TITLE = /^(sayın|sayin|dr\.?|av\.?|prof\.?|doç\.?|müh\.?|mr\.?|mrs\.?)\s+/iu;

/** "Call me back on this number": the number an SMS or a voicemail came from. */
const THIS_NUMBER = /(?<![a-z])bu (numara|telefon|hat)(dan|ya|a|tan|ta)?(?![a-z])/;

/** A display name as mail clients show it: quotes, addresses and organisations removed. */
function displayName(raw: string | null): string | null {
  if (raw === null) return null;
  const name = raw.replace(/<[^>]*>|\([^)]*\)|["'“”]/g, '').replace(TITLE, '').trim();
  return /^[\p{L}][\p{L}\p{M}.'’-]*(\s+[\p{L}][\p{L}\p{M}.'’-]*){1,3}$/u.test(name) && looksLikePersonName(name) ? name : null;
}

function givenName(name: FoundName): string {
  return foldTurkish(name.value.split(' ')[0] ?? '');
}

/**
 * Names the customer and the writer. `phones` are the customer's and the writer's as the numbers were read.
 * @param lines the lines of `reading.text` that are nothing but a name (nameLines), when the caller reads them too
 */
export function whoWrote(
  input: WhoInput, parts: MessageParts, reading: MessageReading, forSomeone: boolean, phones: { writer: FoundPhone | null },
  lines: () => readonly FoundName[] = () => nameLines(reading.text),
): Who {
  const { text, folded, ownEnd } = reading;
  // The own words and the signature as read (a transcript's rewritten), at their offsets in `text`.
  const own = text.slice(0, ownEnd);
  const ownFolded = folded.slice(0, ownEnd);
  const labelled = labelledNames(text, folded);
  // Introductions are read only when a label named no one, or for the writer.
  let introductions: FoundName[] | undefined;
  const introduced = (): FoundName[] => {
    if (introductions === undefined) {
      const spoken = surnameThenName(text, folded);
      introductions = [...(spoken === null ? [] : [spoken]), ...introducedNames(text, folded), ...namesAs(text, folded)].sort((a, b) => a.start - b.start);
    }
    return introductions;
  };
  // The signature follows the own words and a blank line in the text the fields are read from.
  const signatureAt = ownEnd === 0 ? 0 : ownEnd + 2;
  const inSignature = (n: FoundName | null): FoundName | null => (n === null ? null : { ...n, start: n.start + signatureAt, end: n.end + signatureAt });
  // The weaker ways of finding a name cost the most; they are tried only when the stronger found none.
  const signed = (): FoundName | null => inSignature(signatureName(text.slice(signatureAt)))
    ?? closingName(text, folded) ?? lines().at(-1) ?? lastLineName(own) ?? trailingName(text, folded);
  const named = (): FoundName | undefined => namedNames(text, folded)[0];
  const display = displayName(input.senderName);

  // Writing for someone else: the label names the customer, the writer introduces or signs.
  let writer = forSomeone ? (writerLabelledNames(text, folded)[0] ?? nameToCall(text, folded) ?? introduced()[0] ?? signed() ?? endingGivenName(own, ownFolded)) : null;
  // A writer signing with a first name only: their mail's display name, when it starts with that name, is the whole.
  if (writer !== null && !writer.value.includes(' ') && display !== null && foldTurkish(display.split(' ')[0] ?? '') === foldTurkish(writer.value)) {
    writer = { ...writer, value: display };
  }
  let customer = forSomeone
    ? (relativeNames(text, folded)[0] ?? nameBeforeOnBehalf(text, folded) ?? named() ?? labelled.find((n) => n.value !== writer?.value) ?? null)
    : (labelled[0] ?? introduced()[0] ?? signed() ?? named() ?? (parts.quotedFromUtility ? greetedName(parts.quoted) : null) ?? endingGivenName(own, ownFolded));
  // A subscriber named under "Abone:" and a letter signed by someone else: the signer wrote for them.
  let actsFor = forSomeone;
  const subscriber = forSomeone ? undefined : labelled.find((n) => n.label?.startsWith('abone') === true);
  const signer = subscriber === undefined ? null : signed();
  if (subscriber !== undefined && signer !== null && givenName(subscriber) !== givenName(signer)) {
    [actsFor, customer, writer] = [true, subscriber, signer];
  }

  // Writing for someone: a number in the writer's signature is the writer's, and "bu numaradan
  // arayın" in an SMS or voicemail names the number it came from.
  let writerPhone = phones.writer?.e164 ?? null;
  if (actsFor && writerPhone === null && writer !== null && writer.how !== 'introduced') {
    // The number on the lines under the writer's signed name.
    writerPhone = findPhones(text.slice(writer.end).split('\n').slice(0, 3).join('\n'))[0]?.e164 ?? null;
  }
  if (actsFor && writerPhone === null) {
    const inSignatureBlock = findPhones(text.slice(ownEnd))[0];
    const senderPhone = input.sender !== null && /^\+[1-9][0-9]{6,14}$/.test(input.sender) ? input.sender : null;
    writerPhone = parts.signature !== '' && inSignatureBlock !== undefined ? inSignatureBlock.e164 : THIS_NUMBER.test(folded) ? senderPhone : null;
  }
  const mailboxIsOthers = sentFromSomeoneElsesMailbox(folded);
  return { customer, displayName: mailboxIsOthers || forSomeone ? null : display, actsFor, writer, writerPhone };
}
