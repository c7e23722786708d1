/**
 * Bounds a raw item's free text before it is published. The raw-item schema caps `text.body` so
 * that every item is decided in bounded time and fits a Kafka message; a longer text (a long
 * e-mail thread, a many-page OCR) is cut there and kept whole in the blob store, never lost.
 */
import rawItemSchema from '../schemas/raw-item.schema.json' with { type: 'json' };
import type { RawItem } from '../schemas/types.generated.js';
import type { BlobStore } from '../runtime/blob-store.js';

export const MAX_BODY_CHARS: number = rawItemSchema.properties.text.properties.body.maxLength;
const MAX_SUBJECT_CHARS: number = rawItemSchema.properties.text.properties.subject.maxLength;

/** Cuts at a character count without leaving half of a surrogate pair behind. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** The item with its text within the schema's bounds; the whole text goes to the blob store first. */
export async function boundText(item: RawItem, blobStore: BlobStore): Promise<RawItem> {
  const text = item.text;
  if (text === undefined || (text.body.length <= MAX_BODY_CHARS && (text.subject?.length ?? 0) <= MAX_SUBJECT_CHARS)) return item;
  const whole = text.subject === undefined ? text.body : `${text.subject}\n\n${text.body}`;
  const fullText = await blobStore.put(Buffer.from(whole, 'utf8'), 'text/plain; charset=utf-8', 'full-text.txt');
  const subject = text.subject === undefined ? {} : { subject: cutText(text.subject, MAX_SUBJECT_CHARS) };
  return { ...item, text: { ...text, ...subject, body: cutText(text.body, MAX_BODY_CHARS), fullText } };
}
