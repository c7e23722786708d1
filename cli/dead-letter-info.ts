/**
 * What a dead letter says about itself, and whether it can be sent back. Three kinds are written:
 * the normalizer's and the enrich stages' (normalizer/dead-letter.ts: the original message's bytes
 * and headers, plus why and where it was), the e-mail connector's (an unreadable mail: its bytes
 * inline, or in the blob store named by `x-blob`, `x-source: email/<mailbox>`) and the documents
 * connector's (a file over the size limit, moved to failed/: no bytes, `x-file`). Only the first
 * kind ever was on a topic, so only it can go back to one. Pure.
 */
import { DEAD_LETTER_HEADERS } from '../normalizer/dead-letter.js';
import type { BrowsedMessage, OutgoingMessage } from '../runtime/kafka/types.js';

/** The header a replayed message carries: the dead letter it was sent back from (`topic:partition:offset`). */
export const REPLAY_OF_HEADER = 'x-replay-of';

/** Why a dead letter cannot be sent back to a topic. */
export type NotReplayable = 'mail' | 'file' | 'no-value' | 'other-topic' | 'no-origin';

export type ReplayVerdict = { possible: true; topic: string } | { possible: false; reason: NotReplayable; why: string };

/** Each {@link NotReplayable}: a short form for a table, and what it means in general. */
export const notReplayable: Readonly<Record<NotReplayable, { label: string; meaning: string }>> = {
  mail: { label: 'no: a mail', meaning: 'an unreadable mail, set aside by the e-mail connector before it reached a topic: move it from the mailbox\'s failed folder back to the inbox once the cause is fixed' },
  file: { label: 'no: a file', meaning: 'a drop-folder file set aside before it reached a topic (moved to failed/): put it back into the drop folder once the cause is fixed' },
  'no-value': { label: 'no: no bytes', meaning: 'its original message had no value: there is nothing to send back' },
  'other-topic': { label: 'no: other topic', meaning: 'it came from a topic that is not an input topic of this configuration' },
  'no-origin': { label: 'no: no origin', meaning: 'it names no original topic and no known source' },
};

export interface DeadLetterInfo {
  /** `partition:offset` in the dead-letter topic: how operators name it. */
  position: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  /** An error code of runtime/errors.ts (`x-error-code`). */
  errorCode: string | null;
  /** Why, as the stage wrote it: codes and paths, never personal data (`x-error-message`). */
  errorMessage: string | null;
  /** Where it was set aside: the original's `topic partition:offset`, or the connector's source (`email/INBOX`). */
  from: string;
  /** Bytes of the value. */
  size: number;
  replay: ReplayVerdict;
}

function verdict(headers: Readonly<Record<string, string>>, value: Buffer | null, inputTopics: ReadonlySet<string>): ReplayVerdict {
  const original = headers[DEAD_LETTER_HEADERS.originalTopic];
  const source = headers['x-source'] ?? '';
  const code = headers[DEAD_LETTER_HEADERS.errorCode] ?? 'an error';
  if (original === undefined) {
    if (source.startsWith('email/')) {
      const bytes = headers['x-blob'] === undefined ? 'its bytes are in this dead letter' : `its bytes are in the blob store as ${headers['x-blob']}`;
      return { possible: false, reason: 'mail', why: `a mail of ${source} set aside before it reached a topic (${code}); it is in that mailbox's failed folder and ${bytes}: once the cause is fixed, move it back to the inbox (its item id comes from its Message-ID, so it is recorded once)` };
    }
    if (source.startsWith('documents/')) {
      return { possible: false, reason: 'file', why: `a file set aside before it reached a topic (${code}); it was moved to the drop folder's failed/: once the cause is fixed, put it back into the drop folder (its item id is its hash, so it is recorded once)` };
    }
    return { possible: false, reason: 'no-origin', why: `it names no original topic (${DEAD_LETTER_HEADERS.originalTopic}) and no known source: there is nowhere to send it back` };
  }
  if (!inputTopics.has(original)) {
    return { possible: false, reason: 'other-topic', why: `it came from ${original}, which is not an input topic of this configuration (${[...inputTopics].join(', ')})` };
  }
  if (value === null || value.length === 0) return { possible: false, reason: 'no-value', why: 'its original message had no value: there is nothing to send back' };
  return { possible: true, topic: original };
}

/**
 * @param inputTopics the topics a replay may write to: the configuration's raw topic and job topics
 *   (a dead letter of an outcome topic, or of another deployment, is not sent anywhere)
 */
export function deadLetterInfo(message: BrowsedMessage, inputTopics: ReadonlySet<string>): DeadLetterInfo {
  const h = message.headers;
  const original = h[DEAD_LETTER_HEADERS.originalTopic];
  const from = original === undefined
    ? (h['x-source'] ?? '-')
    : `${original} ${h[DEAD_LETTER_HEADERS.originalPartition] ?? '?'}:${h[DEAD_LETTER_HEADERS.originalOffset] ?? '?'}`;
  return {
    position: `${message.partition}:${message.offset}`, partition: message.partition, offset: message.offset, timestamp: message.timestamp, key: message.key,
    errorCode: h[DEAD_LETTER_HEADERS.errorCode] ?? null, errorMessage: h[DEAD_LETTER_HEADERS.errorMessage] ?? null, from,
    size: message.value?.length ?? 0, replay: verdict(h, message.value, inputTopics),
  };
}

/**
 * The message that sends a dead letter back: its original bytes and key, the original's headers
 * (the dead letter's own removed) and {@link REPLAY_OF_HEADER}. If it fails again, its new dead
 * letter keeps that header, so the trail stays readable.
 */
export function replayMessage(message: BrowsedMessage): OutgoingMessage {
  const added = new Set<string>(Object.values(DEAD_LETTER_HEADERS));
  const headers = Object.fromEntries(Object.entries(message.headers).filter(([name]) => !added.has(name)));
  return {
    // normalizer/dead-letter.ts keys a keyless original by its place; that key is kept too.
    key: message.key ?? `${message.topic}/${message.partition}/${message.offset}`,
    value: message.value ?? Buffer.alloc(0),
    headers: { ...headers, [REPLAY_OF_HEADER]: `${message.topic}:${message.partition}:${message.offset}` },
  };
}
