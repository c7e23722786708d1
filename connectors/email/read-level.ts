/**
 * Reads one message level: the mail itself, then each mail forwarded in it (message/rfc822), each
 * the same way one level deeper. A level is walked and mended on its raw bytes, then parsed by
 * mailparser; its forwarded mails are read from the raw bytes the walk found, so a chain of
 * forwards twenty deep is read to `maxDepth` and the rest kept whole as an attachment.
 */
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';
import type { AddressObject, AttachmentStream } from 'mailparser';
import { cutText } from '../bound-text.js';
import { decodeAs, effectiveCharset, repairMojibake } from './charset.js';
import { forwardedBlock, withForwarded, type ForwardedMail, type Mailbox } from './forwarded-text.js';
import { firstValue, scanHead, type MessageHead } from './header-fields.js';
import { htmlToText } from './html-text.js';
import type { MailLimits } from './limits.js';
import { PART_MARKER, repairMime, type Repaired } from './mime-repair.js';
import { isForwardedMessage, isInlineText, nodesOf, walkMime, type MimeNode, type MimeWalk } from './mime-walk.js';
import { readPlainLevel } from './read-plain-level.js';
import { runMailParser, type ParsedLevel } from './run-mailparser.js';
import { decodeTransfer } from './transfer-decoding.js';
import type { MailNotes, MailPart } from './types.js';

/** What one mail's reading shares across its levels. */
export interface ReadContext {
  readonly limits: MailLimits;
  /** Attachments and forwarded mails that may still be taken; decremented. */
  readonly budget: { attachments: number; forwarded: number };
  /** The binaries found, in order; appended to. */
  readonly parts: MailPart[];
  readonly notes: MailNotes;
  /**
   * A machine wrote it (an auto-reply, a delivery report): only its own text is read. What it
   * returns (our own mail, quoted back) and its report parts are no customer's words or
   * attachments; they stay in the original.
   */
  readonly machine: boolean;
  /** Every level through mailparser, none read directly: to compare the two readings and time them. */
  readonly mailparserOnly?: boolean;
}

function mailboxes(objects: readonly AddressObject[]): Mailbox[] {
  const entries = objects.flatMap((o) => o.value).flatMap((e) => (e.group === undefined ? [e] : e.group));
  return entries.map((e) => ({ address: e.address?.trim() || null, name: repairMojibake(e.name.trim()) || null })).filter((m) => m.address !== null || m.name !== null);
}

function keepPart(context: ReadContext, part: MailPart): void {
  if (context.budget.attachments <= 0) {
    context.notes.attachmentsDropped++;
    return;
  }
  context.budget.attachments--;
  context.parts.push(part);
}

/** The text parts read without mailparser, for the rare mail it fails on: plain text, else HTML. */
function plainReading(raw: Buffer, walk: MimeWalk, limits: MailLimits): string {
  const texts = { 'text/plain': [] as string[], 'text/html': [] as string[] };
  for (const node of nodesOf(walk.root)) {
    if (!isInlineText(node)) continue;
    const bytes = bodyOf(raw, node);
    const declared = node.params.get('charset') ?? null;
    const charset = effectiveCharset(declared, bytes) ?? (declared !== null && iconv.encodingExists(declared) ? declared : 'utf-8');
    (node.contentType === 'text/html' ? texts['text/html'] : texts['text/plain']).push(decodeAs(bytes, charset));
  }
  if (texts['text/plain'].length > 0) return texts['text/plain'].join('\n');
  return texts['text/html'].length > 0 ? htmlToText(texts['text/html'].join('\n'), limits.maxHtmlChars) : '';
}

function ownText(parsed: ParsedLevel, limits: MailLimits): string {
  if (parsed.text.trim() !== '') return parsed.text;
  return parsed.html === null ? '' : htmlToText(parsed.html, limits.maxHtmlChars);
}

function bodyOf(raw: Buffer, node: MimeNode): Buffer {
  return decodeTransfer(raw.subarray(node.head.bodyStart, node.bodyEnd), node.encoding);
}

/** The bytes of an attachment the repair marked, from the raw message; null for one it did not. */
function markedBytes(raw: Buffer, repaired: Repaired, nonce: string): (attachment: AttachmentStream) => Buffer | null {
  return (attachment) => {
    const values = [attachment.headers.get(PART_MARKER)].flat();
    const mark = values.find((v): v is string => typeof v === 'string' && v.startsWith(`${nonce}.`));
    const node = mark === undefined ? undefined : repaired.attachments[Number(mark.slice(nonce.length + 1))];
    return node === undefined ? null : bodyOf(raw, node);
  };
}

// Marks a reading's attachments: a secret of this process and a count, so a sender cannot guess
// it to pass one part off as another. A random nonce per level cost 1-3% of the capture's CPU.
const NONCE_SECRET = randomBytes(8).toString('hex');
let nonces = 0;

/**
 * Reads a mail at `depth` (0 for the mail received), appending its binaries to the context.
 * @param head its header block, when the caller read it already with the reader's bounds
 */
export async function readLevel(raw: Buffer, depth: number, context: ReadContext, head?: MessageHead): Promise<ForwardedMail> {
  const { limits, notes } = context;
  const walk = walkMime(raw, limits, head);
  const nonce = `${NONCE_SECRET}${(nonces++).toString(36)}`;
  const repaired = repairMime(raw, walk, limits, nonce);
  notes.charsetGuessed ||= repaired.charsetGuessed;
  notes.headerReduced ||= repaired.headerReduced;
  notes.partsCut ||= repaired.partsCut;
  notes.bodyCut ||= repaired.textCut;
  const options = { budget: context.budget, bytesOf: markedBytes(raw, repaired, nonce), maxParts: limits.maxParts, maxHeaderBytes: limits.maxHeaderBytes, timeoutMs: limits.parseTimeoutMs };
  // Most mail is one text/plain part, which is read without mailparser when that gives the same.
  const plain = !context.mailparserOnly && walk.root.children.length === 0 && walk.root.contentType === 'text/plain' ? readPlainLevel(repaired.raw, limits.maxHeaderBytes) : null;
  // A failure is mailparser's verdict on this structure, not a bug: the mail is read more simply.
  const parsed = plain ?? (await runMailParser(repaired.raw, options).catch(() => null));
  let own: string;
  let header: Omit<ForwardedMail, 'body' | 'date'>;
  if (parsed === null) {
    notes.mimeUnparsed = true;
    own = plainReading(raw, walk, limits);
    if (!context.machine) for (const node of repaired.attachments) keepPart(context, { bytes: bodyOf(raw, node), contentType: node.contentType, ...(node.params.has('name') ? { name: node.params.get('name') } : {}) });
    const headEnd = scanHead(repaired.raw, 0, repaired.raw.length, () => undefined).end;
    const headOnly = await runMailParser(Buffer.concat([repaired.raw.subarray(0, headEnd), Buffer.from('\r\n\r\n')]), options).catch(() => null);
    header = { subject: headOnly?.subject ?? null, from: mailboxes(headOnly?.from ? [headOnly.from] : [])[0] ?? null, to: mailboxes(headOnly?.to ?? []) };
  } else {
    if (!context.machine) for (const part of parsed.attachments) context.parts.push(part);
    notes.attachmentsDropped += parsed.dropped;
    own = ownText(parsed, limits);
    header = { subject: parsed.subject, from: mailboxes(parsed.from === null ? [] : [parsed.from])[0] ?? null, to: mailboxes(parsed.to) };
  }

  const forwarded: string[] = [];
  for (const node of context.machine ? [] : nodesOf(walk.root)) {
    if (!isForwardedMessage(node.contentType)) continue;
    const bytes = bodyOf(raw, node);
    if (depth >= limits.maxDepth || context.budget.forwarded <= 0) {
      notes.forwardedUnread++;
      keepPart(context, { bytes, contentType: 'message/rfc822', name: 'forwarded.eml' });
      continue;
    }
    context.budget.forwarded--;
    forwarded.push(forwardedBlock(await readLevel(bytes, depth + 1, context)));
  }
  const body = withForwarded(cutText(own, limits.maxBodyChars), forwarded);
  notes.bodyCut ||= own.length > limits.maxBodyChars || body.length > limits.maxBodyChars;
  const subject = header.subject === null ? null : repairMojibake(header.subject.trim()) || null;
  return { ...header, subject, date: firstValue(raw, walk.root.head, 'date'), body: cutText(body, limits.maxBodyChars) };
}
