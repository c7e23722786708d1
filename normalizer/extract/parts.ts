/**
 * A message split into what the customer wrote now and what came with it. Replies and forwards
 * carry earlier messages (quoted with "> ", under "… tarihinde … yazdı:", "On … wrote:", an
 * Outlook header block or a forwarding banner), and mails end in signatures and disclaimers.
 * The description is the customer's own words only; the signature still names them.
 */
import { foldKeepingOffsets } from '../turkish/fold.js';

export interface MessageParts {
  /** What the customer wrote in this message, signature and disclaimer excluded. */
  readonly own: string;
  /** The signature block after a closing ("Saygılarımla,") or "-- ": names, phones, addresses. */
  readonly signature: string;
  /** Earlier or forwarded messages, banners and header lines removed. */
  readonly quoted: string;
  /** The earlier message was the utility's own (its notice or reply), not the customer's. */
  readonly quotedFromUtility: boolean;
  /** The earlier message is forwarded, not replied to: it may be the complaint itself. */
  readonly forwarded: boolean;
  /** `own` and `signature` folded (foldKeepingOffsets), so that no reader folds them again. */
  readonly ownFolded: string;
  readonly signatureFolded: string;
}

/** A line after which everything is an earlier or forwarded message. */
const QUOTE_BANNER = /^(-{2,} ?(original message|ozgun ileti|orijinal mesaj|asil ileti|forwarded message|iletilen (ileti|mesaj)) ?-{2,}|begin forwarded message:|_{10,}|iletilen mesaj:?)$/;
const ATTRIBUTION = /^(on .{4,200} wrote:|.{4,200} tarihinde .{0,200}(yazdi|sunu yazdi):)$/;
/** Header lines of a quoted Outlook message: "Kimden:", "From:", "Gönderildi:", "Konu:". */
const HEADER = /^(from|kimden|gonderen|sent|gonderildi|tarih|date|to|kime|cc|bilgi|subject|konu):/;
const SIGNATURE_DASHES = /^-- ?$/;
const MOBILE_SIGNATURE = /^(iphone'?umdan gonderildi|iphone'?dan gonderildi|sent from my .{1,40}|android icin outlook.{0,40}|get outlook for .{1,20}|samsung .{0,40}(gonderildi|cihazimdan))\.?$/;
const DISCLAIMER = /(bu (e-?posta|e-?mail|mesaj|ileti)[^.]{0,80}(gizli|yalnizca|sadece|muhatab|alicisi)|yasal uyari|kvkk (kapsaminda|aydinlatma)|disclaimer|this e-?mail (and any|is confidential|may contain|message is))/;
/** Closings after which a mail or letter has only its signature: names, titles, contact lines. */
const CLOSING = /^(saygilarimla|saygilar(imla)?|sevgi ve saygilarimla|hurmetlerimle|iyi calismalar( dilerim)?|tesekkurler|tesekkur ederim|simdiden tesekkurler|kolay gelsin|selamlar|iyi gunler( dilerim)?|regards|best regards)[.,!]*$/;
/** A signature is short: a closing with more lines than this after it is part of the text. */
const MAX_SIGNATURE_LINES = 12;

/** An attribution ends in "wrote:" or "yazdı:"; testing that first spares the long pattern most lines. */
function isAttribution(folded: string): boolean {
  return (folded.endsWith('wrote:') || folded.endsWith('yazdi:')) && ATTRIBUTION.test(folded);
}

/** Whether line `i` of the folded lines starts an earlier or forwarded message. */
function isQuoteStart(lines: readonly string[], i: number): boolean {
  const folded = lines[i] ?? '';
  if (QUOTE_BANNER.test(folded) || isAttribution(folded)) return true;
  // Gmail wraps a long attribution: "… tarihinde X <x@y>" then "şunu yazdı:".
  if (folded.includes('tarihinde') && /^(sunu )?yazdi:$/.test(lines[i + 1] ?? '')) return true;
  // An Outlook block: "From:"/"Kimden:" with a date or subject line right under it.
  return /^(from|kimden|gonderen):/.test(folded) && lines.slice(i + 1, i + 5).some((l) => /^(sent|gonderildi|tarih|date|subject|konu):/.test(l));
}

/**
 * Splits a prepared text (prepare.ts) into its parts.
 * @param mail whether the text is a mail that may quote others; a scanned letter or a voicemail
 *   quotes nobody, and its fax cover's "Gönderen:"/"Tarih:" lines are no Outlook block
 */
export function splitMessage(text: string, mail = true): MessageParts {
  const lines = text.split('\n');
  // Folded once, whole: one table pass instead of one call per line.
  const foldedLines = foldKeepingOffsets(text).split('\n');
  const folded = foldedLines.map((l) => l.trim());
  const own: string[] = [];
  const ownFolded: string[] = [];
  const ownFoldedLines: string[] = [];
  const quoted: string[] = [];
  let inQuote = false;
  let quotedFromUtility = false;
  let forwarded = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const f = folded[i] ?? '';
    let opening = false;
    if (mail && !inQuote && isQuoteStart(folded, i)) {
      inQuote = true;
      opening = true;
      forwarded = /forward|ilet|begin forwarded/.test(f);
    }
    if (inQuote || (mail && f.startsWith('>'))) {
      // The line that opened the quote is its attribution or banner, wrapped or not ("… tarihinde X <x@igdas…>" / "şunu yazdı:").
      if (opening || QUOTE_BANNER.test(f) || isAttribution(f) || HEADER.test(f) || /^(sunu )?yazdi:$/.test(f)) {
        if ((opening || isAttribution(f) || /^(from|kimden|gonderen):/.test(f)) && f.includes('igdas')) quotedFromUtility = true;
        continue;
      }
      quoted.push(line.replace(/^\s*(>\s?)+/, ''));
    } else {
      own.push(line);
      ownFolded.push(f);
      ownFoldedLines.push(foldedLines[i] ?? '');
    }
  }

  let cut = own.length;
  let signatureFrom = own.length;
  for (let i = 0; i < own.length; i++) {
    const f = ownFolded[i] ?? '';
    if (DISCLAIMER.test(f)) {
      cut = Math.min(cut, i);
      break;
    }
    if (SIGNATURE_DASHES.test(f) || MOBILE_SIGNATURE.test(f)) signatureFrom = Math.min(signatureFrom, i);
  }
  // The last closing near the end starts the signature; one early in a long text is courtesy.
  // A closing as the first line is a greeting ("İyi günler,"), not the end of the text.
  const firstLine = ownFolded.findIndex((l) => l !== '');
  for (let i = Math.min(cut, signatureFrom) - 1; i > firstLine && cut - i <= MAX_SIGNATURE_LINES; i--) {
    if (CLOSING.test(ownFolded[i] ?? '')) {
      signatureFrom = i;
      break;
    }
  }
  signatureFrom = Math.min(signatureFrom, cut);
  return {
    own: own.slice(0, signatureFrom).join('\n').trim(),
    // Folding keeps every character where it is and white space as it is, so the same trim fits.
    ownFolded: ownFoldedLines.slice(0, signatureFrom).join('\n').trim(),
    signatureFolded: ownFoldedLines.slice(signatureFrom, cut).join('\n').trim(),
    signature: own.slice(signatureFrom, cut).join('\n').trim(),
    quoted: quoted.join('\n').trim(),
    quotedFromUtility,
    forwarded,
  };
}
