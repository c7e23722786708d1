/**
 * Reads the customer out of free Turkish text (issue 7): name, national ID, contract account
 * number, phone, e-mail, address, proposed solution, a reference to an earlier application, and
 * who wrote for whom. Pure. Typed text, OCR and transcripts are read alike once their numbers are
 * written as digits: OCR's look-alike letters put back (ocr-digits.ts), spoken numbers written
 * out (spoken-numbers.ts). Each field says where it came from and how sure the reading is.
 */
import type { TextSource } from '../../schemas/types.generated.js';
import { cleanNationalId, isValidNationalId } from '../rules/national-id.js';
import { foldKeepingOffsets, foldTurkish } from '../turkish/fold.js';
import { findAddress, repairOcrAddress } from './address.js';
import { closingName, endingGivenName, introducedNames, looksLikePersonName, surnameThenName, writerLabelledNames, labelledNames, nameLine, namedNames, namesAs, relativeNames, signatureName, trailingName, type FoundName } from './names.js';
import { readDigitRuns, type DigitRun } from './numbers.js';
import { residenceDistrict } from './residence.js';
import { repairOcrDigits } from './ocr-digits.js';
import { splitMessage, type MessageParts } from './parts.js';
import { ownerBefore, sentFromSomeoneElsesMailbox, writesForSomeoneElse } from './people.js';
import { findPhones, type FoundPhone } from './phones.js';
import { prepareText } from './prepare.js';
import { findCaseRef, findEmail, findProposedSolution } from './references.js';
import { speechToDigits } from './spoken-numbers.js';

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
}

/** "Call me back on this number": the number an SMS or a voicemail came from. */
const THIS_NUMBER = /(?<![a-z])bu (numara|telefon|hat)(dan|ya|a|tan|ta)?(?![a-z])/;

/** How much less sure a value is for each of its characters OCR read as a letter. */
const REPAIR_COST = 0.03;

interface Reading {
  readonly text: string;
  readonly folded: string;
  readonly repairedAt: ReadonlySet<number>;
}

function read(text: string, source: TextSource): Reading {
  if (source === 'transcript') {
    const spoken = speechToDigits(text);
    return { text: spoken, folded: foldKeepingOffsets(spoken), repairedAt: new Set() };
  }
  if (source === 'ocr') {
    const repaired = repairOcrDigits(text);
    return { text: repaired.text, folded: foldKeepingOffsets(repaired.text), repairedAt: repaired.repairedAt };
  }
  return { text, folded: foldKeepingOffsets(text), repairedAt: new Set() };
}

function confidenceOf(base: number, reading: Reading, start: number, end: number): number {
  let repairs = 0;
  for (const at of reading.repairedAt) if (at >= start && at < end) repairs++;
  return Math.max(0, Math.round((base - repairs * REPAIR_COST) * 100) / 100);
}

const TITLE = /^(sayın|sayin|dr\.?|av\.?|prof\.?|doç\.?|müh\.?|mr\.?|mrs\.?)\s+/iu;

/** A display name as mail clients show it: quotes, addresses and organisations removed. */
function displayName(raw: string | null): string | null {
  if (raw === null) return null;
  const name = raw.replace(/<[^>]*>|\([^)]*\)|["'“”]/g, '').replace(TITLE, '').trim();
  return /^[\p{L}][\p{L}\p{M}.'’-]*(\s+[\p{L}][\p{L}\p{M}.'’-]*){1,3}$/u.test(name) && looksLikePersonName(name) ? name : null;
}

interface IdChoice { nationalId: DigitRun | null; invalid: string | null }

/** The customer's national ID among the runs: labelled first; else the one valid unlabelled number. */
function chooseNationalId(runs: readonly DigitRun[], folded: string, forSomeone: boolean): IdChoice {
  const whose = (r: DigitRun): boolean => {
    const owner = ownerBefore(folded, r.label?.start ?? r.start);
    return forSomeone ? owner !== 'self' : owner !== 'other';
  };
  const labelled = runs.filter((r) => r.label?.kind === 'nationalId' && whose(r));
  const valid = labelled.find((r) => isValidNationalId(r.digits));
  if (valid !== undefined) return { nationalId: valid, invalid: null };
  const unlabelled = runs.filter((r) => r.label === null && isValidNationalId(r.digits) && whose(r));
  const distinct = new Set(unlabelled.map((r) => r.digits));
  const invalid = labelled.find((r) => r.digits.length >= 9 && r.digits.length <= 13)?.digits ?? null;
  return { nationalId: distinct.size === 1 ? (unlabelled[0] ?? null) : null, invalid: distinct.size === 1 ? null : invalid };
}

/** A line that opens with a phone label and holds nothing else before the number. */
const CONTACT_LINE = /^\s*(tel(efon)?\w*|gsm|cep\w*|iletisim|ulasim|irtibat|mobil|telefon numaram)\s*[:.]?\s*$/;

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
    const own = owned.filter((o) => o.owner !== 'other' && o.owner !== 'third');
    return { customer: (own.find((o) => o.preferred) ?? own.find((o) => o.owner === 'self') ?? own.find((o) => o.labelled) ?? own[0])?.p ?? null, writer: null };
  }
  const theirs = owned.find((o) => o.owner === 'other')?.p ?? null;
  const mine = owned.find((o) => o.owner === 'self')?.p ?? null;
  const unsaid = owned.find((o) => o.owner === null)?.p ?? null;
  return { customer: theirs ?? unsaid ?? mine, writer: mine };
}

interface Numbers { id: IdChoice; account: DigitRun | null; phones: { customer: FoundPhone | null; writer: FoundPhone | null } }

function readNumbers(reading: Reading, runs: readonly DigitRun[], forSomeone: boolean): Numbers {
  const id = chooseNationalId(runs, reading.folded, forSomeone);
  const account = runs.find((r) => r.label?.kind === 'account' && r.digits.length >= 6 && r.digits.length <= 12 && r.digits !== id.nationalId?.digits) ?? null;
  // A number under an ID, account, meter or fax label is that, however phone-like its digits.
  const taken = [id.nationalId, account, ...runs.filter((r) => r.label !== null && r.label.kind !== 'phone')].filter((r): r is DigitRun => r !== null);
  const phones = choosePhone(findPhones(reading.text, taken), reading.folded, forSomeone, taken);
  return { id, account, phones };
}

/**
 * The customer's own words: their text without the signature (after a closing, or from a line that
 * is only their name near the end), and a forwarded complaint with them; never a quoted reply.
 */
function describe(parts: MessageParts, ownFolded: string, nameAt: number | null): string | null {
  const signed = nameAt !== null && nameAt < parts.own.length && parts.own.length - nameAt < 400 ? parts.own.slice(0, nameAt).trimEnd() : parts.own;
  const own = afterHeading(signed, ownFolded.slice(0, signed.length));
  const words = [own, parts.forwarded || own === '' ? parts.quoted : ''].filter((p) => p !== '').join('\n\n');
  return words === '' ? null : words;
}

/** A letter's salutation or addressee line ("Sayın Yetkili,", "… MÜDÜRLÜĞÜNE"): the letterhead and fax header are above it. */
/** A letter's salutation or addressee line ("Sayın Yetkili,", "… MÜDÜRLÜĞÜNE"): the letterhead and fax header are above it. */
const ADDRESSEE = /(mudurlugune|baskanligina|sefligine|mudurlugu'?ne|hizmetlerine|yetkililerine|ilgililere|ilgiliye|makamina)[.,:]*$/;
/** The utility's own answering message caught at the start of a voicemail. */
const GREETING = /mesajinizi birakiniz|mesajinizi birakin|sinyal sesinden sonra [^.\n]{0,40}(konusunuz|birakiniz)/;
/** Only a salutation near the top is one; "Sayın …" deep in a text is the text. */
const HEADING_LINES = 12;

/** The text from the salutation on, or after the answering message a voicemail recorded first. */
function afterHeading(own: string, folded: string): string {
  const greeting = GREETING.exec(folded);
  if (greeting !== null) return own.slice(greeting.index + greeting[0].length).trim();
  let at = 0;
  const lines = folded.split('\n', HEADING_LINES);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (i > 0 && (/^sayin\b/.test(line) || ADDRESSEE.test(line))) return own.slice(at);
    at += (lines[i] ?? '').length + 1;
  }
  return own;
}

function givenName(name: FoundName): string {
  return foldTurkish(name.value.split(' ')[0] ?? '');
}

function firstName(...found: ReadonlyArray<FoundName | null | undefined>): FoundName | null {
  return found.find((n) => n !== null && n !== undefined) ?? null;
}

/** Reads every field the text gives. */
export function extractFields(input: TextInput): Extraction {
  const base = input.confidence ?? 1;
  const sure = (value: string | null, start: number, end: number, reading: Reading, cap = 0.95): Extracted | null =>
    value === null ? null : { value, confidence: confidenceOf(Math.min(base, cap), reading, start, end) };

  const parts = splitMessage(prepareText(input.body), input.source === 'typed');
  const fieldText = [parts.own, parts.signature].filter((p) => p !== '').join('\n\n');
  const reading = input.source === 'typed'
    ? { text: fieldText, folded: [parts.ownFolded, parts.signatureFolded].filter((p) => p !== '').join('\n\n'), repairedAt: new Set<number>() }
    : read(fieldText, input.source);
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
  const phones = numbers.phones.customer !== null || earlier === null ? numbers.phones : earlier.phones;

  const labelled = labelledNames(reading.text, reading.folded);
  const spoken = surnameThenName(reading.text, reading.folded);
  const introduced = [...(spoken === null ? [] : [spoken]), ...introducedNames(reading.text, reading.folded), ...namesAs(reading.text)].sort((a, b) => a.start - b.start);
  // The weaker ways of finding a name cost the most; they are tried only when the stronger found none.
  // The signature follows the own words and a blank line in the text the fields are read from.
  const signatureAt = parts.own === '' ? 0 : parts.own.length + 2;
  const inSignature = (n: FoundName | null): FoundName | null => (n === null ? null : { ...n, start: n.start + signatureAt, end: n.end + signatureAt });
  const signed = (): FoundName | null => inSignature(signatureName(parts.signature === '' ? '' : read(parts.signature, input.source).text)) ?? closingName(reading.text, reading.folded) ?? nameLine(reading.text) ?? trailingName(reading.text, reading.folded);
  const named = namedNames(reading.text, reading.folded);
  /** Where a line holding only a name starts in the own words, when the text is signed that way. */
  const signatureLine = (): number | null => {
    const line = input.source === 'typed' ? nameLine(parts.own) : null;
    return line === null ? null : line.start;
  };
  const mailboxIsOthers = sentFromSomeoneElsesMailbox(reading.folded);
  const sender = input.senderName === null || mailboxIsOthers ? null : displayName(input.senderName);
  // Writing for someone else: the label names the customer, the writer introduces or signs.
  let writerName = forSomeone ? (writerLabelledNames(reading.text, reading.folded)[0] ?? introduced[0] ?? signed() ?? endingGivenName(parts.own, reading.folded.slice(0, parts.own.length))) : null;
  // A writer signing with a first name only: their mail's display name, when it starts with that name, is the whole.
  const display = input.senderName === null ? null : displayName(input.senderName);
  if (writerName !== null && !writerName.value.includes(' ') && display !== null && foldTurkish(display.split(' ')[0] ?? '') === foldTurkish(writerName.value)) {
    writerName = { ...writerName, value: display };
  }
  let customerName = forSomeone
    ? firstName(relativeNames(reading.text, reading.folded)[0], named[0], labelled.find((n) => n.value !== writerName?.value))
    : (labelled[0] ?? introduced[0] ?? signed() ?? named[0] ?? null);
  // A subscriber named under "Abone:" and a letter signed by someone else: the signer wrote for them.
  let actsFor = forSomeone;
  const subscriber = forSomeone ? undefined : labelled.find((n) => n.label?.startsWith('abone') === true);
  const signer = subscriber === undefined ? null : signed();
  if (subscriber !== undefined && signer !== null && givenName(subscriber) !== givenName(signer)) {
    [actsFor, customerName, writerName] = [true, subscriber, signer];
  }

  const email = findEmail(reading.text);
  const address = findAddress(reading.text, reading.folded) ?? ((q) => (q === null ? null : findAddress(q.reading.text, q.reading.folded)))(quotedText());
  // The own words open the text the fields are read from: their folded form is already there, unless speech was rewritten.
  const solution = findProposedSolution(parts.own, input.source === 'transcript' ? foldKeepingOffsets(parts.own) : reading.folded.slice(0, parts.own.length));
  const subjectRef = subject === null || !/[0-9]/.test(subject.text) ? null : findCaseRef(subject.text, readDigitRuns(subject.text, subject.folded));
  const caseRef = subjectRef ?? findCaseRef(reading.text, runs) ?? ((q) => (q === null ? null : findCaseRef(q.reading.text, q.runs)))(quotedText());

  // The checksum catches a misread digit (and 99 of 100 random numbers), so repaired look-alike letters cost an ID little.
  const nationalId = id.nationalId === null ? null : { value: id.nationalId.digits, confidence: Math.min(base, id.nationalId.label === null ? 0.9 : 0.99) };
  // Writing for someone: a number in the writer's signature is the writer's, and "bu numaradan
  // arayın" in an SMS or voicemail names the number it came from.
  let writerPhone = phones.writer?.e164 ?? null;
  if (actsFor && writerPhone === null && writerName !== null && writerName.how === 'signature') {
    // The number on the lines under the writer's signed name.
    const under = reading.text.slice(writerName.end).split('\n').slice(0, 3).join('\n');
    writerPhone = findPhones(under)[0]?.e164 ?? null;
  }
  if (actsFor && writerPhone === null) {
    const signatureStart = parts.own.length;
    const signed = findPhones(reading.text.slice(signatureStart))[0];
    const senderPhone = input.sender !== null && /^\+[1-9][0-9]{6,14}$/.test(input.sender) ? input.sender : null;
    writerPhone = parts.signature !== '' && signed !== undefined ? signed.e164 : THIS_NUMBER.test(reading.folded) ? senderPhone : null;
  }
  return {
    fullName: customerName !== null ? sure(customerName.value, customerName.start, customerName.end, reading, 0.9)
      : sender !== null && !forSomeone ? { value: sender, confidence: 0.8, fromSenderName: true } : null,
    nationalId,
    invalidNationalId: id.invalid === null ? null : cleanNationalId(id.invalid),
    contractAccountNumber: account === null ? null : sure(account.digits, account.start, account.end, reading, 0.99),
    phone: phones.customer === null ? null : sure(phones.customer.e164, phones.customer.start, phones.customer.end, reading),
    email: email === null ? null : sure(email.value, email.start, email.start + email.value.length, reading),
    address: address === null ? null : sure(input.source === 'ocr' ? repairOcrAddress(address.value) : address.value, address.start, address.end, reading, 0.9),
    district: address !== null ? null : ((d) => (d === null ? null : { value: d.value, confidence: Math.min(base, 0.8) }))(residenceDistrict(reading.text, reading.folded)),
    proposedSolution: solution === null ? null : { value: solution.value, confidence: Math.min(base, 0.9) },
    caseRef: caseRef === null ? null : { value: caseRef.value, confidence: Math.min(base, 0.95) },
    contactPerson: actsFor ? { fullName: writerName?.value ?? null, phone: writerPhone } : null,
    description: describe(parts, input.source === 'typed' ? parts.ownFolded : foldKeepingOffsets(parts.own), signatureLine()),
  };
}

