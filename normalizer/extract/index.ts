/**
 * Reads the customer out of free Turkish text (issue 7): name, national ID, contract account
 * number, phone, e-mail, address, proposed solution, a reference to an earlier application, and
 * who wrote for whom. Pure. Typed text, OCR and transcripts are read alike once their numbers are
 * written as digits: OCR's look-alike letters put back (ocr-digits.ts), spoken numbers written
 * out (spoken-numbers.ts). Each field says where it came from and how sure the reading is.
 */
import type { TextSource } from '../../schemas/types.generated.js';
import { cleanNationalId } from '../rules/national-id.js';
import { findAddress, repairOcrAddress } from './address.js';
import { describe } from './description.js';
import { nameLine, nameLines, type FoundName } from './names.js';
import { readDigitRuns, type DigitRun } from './numbers.js';
import { splitMessage, type MessageParts } from './parts.js';
import { writesForSomeoneElse } from './people.js';
import { prepareText } from './prepare.js';
import { confidenceOf, read, readMessage, type Reading } from './reading.js';
import { findCaseRef, findEmail, findProposedSolution } from './references.js';
import { residenceDistrict } from './residence.js';
import { saysSubscriber } from './subscription.js';
import { whoWrote } from './who.js';
import { readNumbers } from './whose-numbers.js';

export interface TextInput {
  readonly subject: string | null;
  readonly body: string;
  readonly sender: string | null;
  readonly senderName: string | null;
  readonly source: TextSource;
  /** OCR's or speech-to-text's own confidence in the whole text, 0-1; null for typed text. */
  readonly confidence: number | null;
}

/** One field read out of the text, and how sure the reading is (0-1). */
export interface Extracted {
  readonly value: string;
  readonly confidence: number;
  /** The e-mail's display name rather than the text. */
  readonly fromSenderName?: boolean;
}

export interface Extraction {
  readonly fullName: Extracted | null;
  readonly nationalId: Extracted | null;
  /** A number labelled as a national ID that fails the checksum, when no valid one was found. */
  readonly invalidNationalId: string | null;
  readonly contractAccountNumber: Extracted | null;
  readonly phone: Extracted | null;
  readonly email: Extracted | null;
  readonly address: Extracted | null;
  /** Where the customer lives, when the text names it without a postal address. */
  readonly district: Extracted | null;
  readonly proposedSolution: Extracted | null;
  readonly caseRef: Extracted | null;
  /** The writer, when they write for someone else. */
  readonly contactPerson: { fullName: string | null; phone: string | null } | null;
  /** The customer's own words: quoted messages, signatures and disclaimers left out. */
  readonly description: string | null;
  /** The writer speaks of their own bill, meter or subscription: a subscriber, whose account number is required. */
  readonly saysSubscriber: boolean;
}

/** "bu numaradan arayın/ulaşın/dönün": call back on the number the message came from. */
const CALL_THIS_NUMBER = /(?<![a-z])bu (numara|telefon|hat)(dan|ya|a)\s+(beni\s+)?(ara|ulas|don|yaz|geri)\w*/;

/** The customer's own words, and the solution they propose in them. */
export interface OwnWords {
  readonly description: string | null;
  readonly proposedSolution: { value: string } | null;
}

/**
 * @param signatureLine where a line holding only the writer's name starts in typed text: the
 *   description ends there
 */
function ownWordsOf(parts: MessageParts, signatureLine: number | null): OwnWords {
  // The own words as written, as splitMessage folded them, whatever the source.
  return { description: describe(parts, parts.ownFolded, signatureLine), proposedSolution: findProposedSolution(parts.own, parts.ownFolded) };
}

/** Where the last of `lines` starting before `end` starts; null when none does. */
function lastStartBefore(lines: readonly FoundName[], end: number): number | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const start = lines[i]?.start;
    if (start !== undefined && start < end) return start;
  }
  return null;
}

/**
 * The own words and the signature as written, a blank line between. Folding keeps every character
 * where it is, so their folds (splitMessage's) joined alike are the fold of the whole.
 */
function asWritten(parts: MessageParts): { text: string; folded: string } {
  const present = [{ text: parts.own, folded: parts.ownFolded }, { text: parts.signature, folded: parts.signatureFolded }].filter((p) => p.text !== '');
  return { text: present.map((p) => p.text).join('\n\n'), folded: present.map((p) => p.folded).join('\n\n') };
}

/**
 * Only the customer's own words and proposed solution, as extractFields reads them: what a
 * connector screens for a gas emergency at capture, at a fraction of reading every field.
 */
export function readOwnWords(input: Pick<TextInput, 'body' | 'source'>): OwnWords {
  const parts = splitMessage(prepareText(input.body), input.source === 'typed');
  return ownWordsOf(parts, input.source === 'typed' ? nameLine(parts.own)?.start ?? null : null);
}

/** Reads every field the text gives. */
export function extractFields(input: TextInput): Extraction {
  const base = input.confidence ?? 1;
  const sure = (value: string, start: number, end: number, reading: Reading, cap = 0.95): Extracted =>
    ({ value, confidence: confidenceOf(Math.min(base, cap), reading, start, end) });

  const parts = splitMessage(prepareText(input.body), input.source === 'typed');
  // Typed text needs no rewriting, so the fold splitMessage made serves.
  const reading = readMessage(parts.own, parts.ownFolded, parts.signature, parts.signatureFolded, input.source);
  const subject = input.subject === null ? null : read(prepareText(input.subject), input.source);
  // Earlier mail is read only for what the new text lacks, and once.
  let quotedReading: { reading: Reading; runs: DigitRun[] } | null | undefined;
  const quotedText = (): { reading: Reading; runs: DigitRun[] } | null => {
    if (quotedReading === undefined) {
      const q = parts.quoted === '' ? null : read(parts.quoted, input.source);
      quotedReading = q === null ? null : { reading: q, runs: readDigitRuns(q.text, q.folded) };
    }
    return quotedReading;
  };

  const forSomeone = writesForSomeoneElse(reading.folded);
  const runs = readDigitRuns(reading.text, reading.folded);
  const numbers = readNumbers(reading, runs, forSomeone);
  // A reply often carries the customer's own earlier mail: what the new text lacks is read there.
  const complete = (numbers.id.nationalId !== null || numbers.id.invalid !== null) && numbers.account !== null && numbers.phones.customer !== null;
  const quoted = complete ? null : quotedText();
  const earlier = quoted === null ? null : readNumbers(quoted.reading, quoted.runs, forSomeone);
  // The utility's own notice quoted back may be addressed to someone else: an ID is never taken from it.
  const id = numbers.id.nationalId !== null || numbers.id.invalid !== null || earlier === null || parts.quotedFromUtility ? numbers.id : earlier.id;
  const account = numbers.account ?? earlier?.account ?? null;
  const found = numbers.phones.customer !== null || earlier === null ? numbers.phones : earlier.phones;
  // "bu numaradan ulaşın" in an SMS or a voicemail: the number it came from, over any other in the text.
  const callThis = !forSomeone && input.sender !== null && /^\+/.test(input.sender) && CALL_THIS_NUMBER.test(reading.folded);
  const phones = callThis ? { ...found, customer: null } : found;
  // The lines that are nothing but a name, read once: the last may sign the text, and in typed text
  // the last among the own words (which `reading.text` starts with, unchanged) ends the description.
  let lines: readonly FoundName[] | undefined;
  const nameLinesOfText = (): readonly FoundName[] => (lines ??= nameLines(reading.text));
  const who = whoWrote(input, parts, reading, forSomeone, phones, nameLinesOfText);

  const email = findEmail(reading.text);
  // A transcript's address is kept as said ("numara on iki daire üç"), as an agent types what they hear.
  const said = input.source === 'transcript' ? asWritten(parts) : reading;
  const address = findAddress(said.text, said.folded) ?? ((q) => (q === null ? null : findAddress(q.reading.text, q.reading.folded)))(quotedText());
  const district = address === null ? residenceDistrict(said.text, said.folded) : null;
  const words = ownWordsOf(parts, input.source === 'typed' ? lastStartBefore(nameLinesOfText(), reading.ownEnd) : null);
  const solution = words.proposedSolution;
  const subjectRef = subject === null || !/[0-9]/.test(subject.text) ? null : findCaseRef(subject.text, readDigitRuns(subject.text, subject.folded));
  const caseRef = subjectRef ?? findCaseRef(reading.text, runs) ?? ((q) => (q === null ? null : findCaseRef(q.reading.text, q.runs)))(quotedText());

  return {
    fullName: who.customer !== null ? sure(who.customer.value, who.customer.start, who.customer.end, reading, 0.9)
      : who.displayName !== null ? { value: who.displayName, confidence: 0.8, fromSenderName: true } : null,
    // The checksum catches a misread digit (and 99 of 100 random numbers), so repaired look-alike letters cost an ID little.
    nationalId: id.nationalId === null ? null : { value: id.nationalId.digits, confidence: Math.min(base, id.nationalId.label === null ? 0.9 : 0.99) },
    invalidNationalId: id.invalid === null ? null : cleanNationalId(id.invalid),
    contractAccountNumber: account === null ? null : sure(account.digits, account.start, account.end, reading, 0.99),
    phone: phones.customer === null ? null : sure(phones.customer.e164, phones.customer.start, phones.customer.end, reading),
    email: email === null ? null : sure(email.value, email.start, email.start + email.value.length, reading),
    address: address === null ? null : sure(input.source === 'ocr' ? repairOcrAddress(address.value) : address.value, address.start, address.end, reading, 0.9),
    district: district === null ? null : { value: district.value, confidence: Math.min(base, 0.8) },
    proposedSolution: solution === null ? null : { value: solution.value, confidence: Math.min(base, 0.9) },
    caseRef: caseRef === null ? null : { value: caseRef.value, confidence: Math.min(base, 0.95) },
    contactPerson: who.actsFor ? { fullName: who.writer?.value ?? null, phone: who.writerPhone } : null,
    description: words.description,
    saysSubscriber: saysSubscriber(reading.folded),
  };
}
