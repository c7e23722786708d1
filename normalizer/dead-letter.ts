/**
 * A message that cannot be processed goes to the dead-letter topic with its original bytes and the
 * error in headers, so it never blocks its partition and can be replayed once the cause is fixed.
 */
import { IntakeError } from '../runtime/errors.js';
import type { IncomingMessage, OutgoingMessage } from '../runtime/kafka/types.js';

/** The headers a dead letter adds to the original's: why it was set aside and where it was. */
export const DEAD_LETTER_HEADERS = {
  errorCode: 'x-error-code',
  errorMessage: 'x-error-message',
  originalTopic: 'x-original-topic',
  originalPartition: 'x-original-partition',
  originalOffset: 'x-original-offset',
} as const;

/** The dead letter for `message`; header values name codes and paths, never personal data. */
export function deadLetter(message: IncomingMessage, error: unknown): OutgoingMessage {
  const code = error instanceof IntakeError ? error.code : 'INTAKE_INTERNAL';
  // Our own messages are written to be value-free; a foreign error's text could quote input, so it is not copied.
  const reason = error instanceof IntakeError ? error.message : (error as Error)?.name ?? 'Error';
  return {
    key: message.key ?? `${message.topic}/${message.partition}/${message.offset}`,
    value: message.value ?? Buffer.alloc(0),
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.errorCode]: code,
      [DEAD_LETTER_HEADERS.errorMessage]: reason.slice(0, 1000),
      [DEAD_LETTER_HEADERS.originalTopic]: message.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(message.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: message.offset,
    },
  };
}
