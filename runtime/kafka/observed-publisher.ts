/**
 * A publisher that tells each publish's result, so that `/readyz` shows Kafka failing as soon as a
 * webhook answered 503 for it, and ready again at the next acknowledged send, without waiting for
 * the periodic check.
 */
import { IntakeError } from '../errors.js';
import type { Publisher } from './types.js';

/** Wraps `publisher`; `onResult(false)` only for Kafka being unreachable, not for a bug in the caller. */
export function observedPublisher(publisher: Publisher, onResult: (ok: boolean) => void): Publisher {
  return {
    async publish(topic, messages) {
      try {
        await publisher.publish(topic, messages);
      } catch (error) {
        if (error instanceof IntakeError && error.code === 'INTAKE_KAFKA_UNAVAILABLE') onResult(false);
        throw error;
      }
      onResult(true);
    },
    close: () => publisher.close(),
  };
}
