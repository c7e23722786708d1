/**
 * Free-text raw items for the decide() bench: the labelled development texts of
 * fixtures/extraction (e-mails, SMS, transcripts, OCR), as their channels' connectors would
 * publish them, repeated to the number asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Channel, RawItem, TextSource } from '../schemas/types.generated.js';

interface Labelled { channel: Channel; source: TextSource; subject?: string; sender?: string; senderName?: string; body: string }

const folder = fileURLToPath(new URL('../../fixtures/extraction/', import.meta.url));

export function makeTextItems(count: number): RawItem[] {
  const texts = readdirSync(folder).filter((f) => /^labelled-.*\.json$/.test(f)).sort()
    .flatMap((f) => (JSON.parse(readFileSync(`${folder}${f}`, 'utf8')) as { items: Labelled[] }).items);
  return Array.from({ length: count }, (_, i) => {
    const t = texts[i % texts.length] as Labelled;
    return {
      schemaVersion: 1, itemId: `${t.channel}:${i.toString(16).padStart(32, '0')}`, channel: t.channel, receivedAt: '2026-11-28T09:00:00.000Z',
      connector: t.channel, sourceRef: `bench-${i}`, attachments: [],
      text: { body: t.body, source: t.source, ...(t.subject === undefined ? {} : { subject: t.subject }), ...(t.sender === undefined ? {} : { sender: t.sender }), ...(t.senderName === undefined ? {} : { senderName: t.senderName }) },
    };
  });
}
