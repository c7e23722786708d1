/**
 * The Kafka side of e-mail acknowledgements: a consumer group of its own on the crm and needs-info
 * outcome topics, so it never slows the normalizer and reads every outcome once per group. Each
 * fetched batch is handled in offset order, one outcome at a time, and only then are its offsets
 * committed. Storage is reached through the port declared here (store-port), which the sink implements.
 */
import type { Bus, Subscription } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import type { RetryOptions } from '../runtime/retry.js';
import { acknowledgeOutcome } from './acknowledge-outcome.js';
import type { EmailAcknowledgementSettings } from './email-settings.js';
import type { MailSender } from './smtp-sender.js';
import type { AcknowledgementStore } from './store-port.js';

export interface AcknowledgerOptions {
  bus: Bus;
  store: AcknowledgementStore;
  sender: MailSender;
  settings: EmailAcknowledgementSettings;
  /** The outcome topics whose items are acknowledged: crm and needs-info. */
  topics: readonly string[];
  groupId: string;
  logger: Logger;
  retry: Omit<RetryOptions, 'signal' | 'onRetry'>;
  now: () => Date;
  /** The consumer crashed beyond kafkajs's own restarts: the process should end and be restarted. */
  onFatal?: (error: Error) => void;
}

export interface AcknowledgerHandle { stop(): Promise<void> }

/** Subscribes and resolves at once; joining the group goes on in the background. */
export async function startAcknowledger(o: AcknowledgerOptions): Promise<AcknowledgerHandle> {
  const log = o.logger.child({ component: 'acknowledge', channel: 'email' });
  const stopping = new AbortController();
  const context = { store: o.store, sender: o.sender, settings: o.settings, retrying: { ...o.retry, signal: stopping.signal }, log, now: o.now };
  const subscription: Subscription = await o.bus.subscribe({
    groupId: o.groupId,
    topics: [...o.topics],
    async handleBatch(messages, control) {
      for (const message of messages) {
        // Sending takes a round trip per mail: the coordinator hears from us between them.
        await control.heartbeat();
        await acknowledgeOutcome(context, message);
      }
    },
    onFatal: (error) => {
      log.fatal({ err: { message: error.message } }, 'consumer crashed for good');
      o.onFatal?.(error);
    },
    onJoin: () => log.info({ groupId: o.groupId }, 'joined the group'),
  });
  log.info({ groupId: o.groupId, topics: o.topics }, 'joining the group');
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}
