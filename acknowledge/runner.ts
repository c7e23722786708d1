/**
 * The Kafka side of acknowledgements, one consumer per channel: a consumer group of its own on the crm and needs-info
 * outcome topics, so it never slows the normalizer and reads every outcome once per group. Each
 * fetched batch is handled in offset order, one outcome at a time, and only then are its offsets
 * committed. Storage is reached through the port declared here (store-port), which the sink implements.
 */
import type { Bus, Subscription } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import type { RetryOptions } from '../runtime/retry.js';
import { acknowledgeOutcome, type AcknowledgementChannelPort } from './acknowledge-outcome.js';
import { emailChannel } from './channels.js';
import type { EmailAcknowledgementSettings } from './email-settings.js';
import type { MailSender } from './smtp-sender.js';
import type { AcknowledgementStore } from './store-port.js';
import { loggedGroupEvents, type GroupEvents } from '../runtime/kafka/group-events.js';

export interface ChannelAcknowledgerOptions<M> extends GroupEvents {
  bus: Bus;
  store: AcknowledgementStore;
  /** What is sent, and how: e-mail or SMS. */
  port: AcknowledgementChannelPort<M>;
  /** The outcome topics whose items are acknowledged: crm and needs-info. */
  topics: readonly string[];
  groupId: string;
  logger: Logger;
  retry: Omit<RetryOptions, 'signal' | 'onRetry'>;
  now: () => Date;
}

/** The e-mail acknowledger's options, as before SMS joined. */
export type AcknowledgerOptions = Omit<ChannelAcknowledgerOptions<unknown>, 'port'> & { sender: MailSender; settings: EmailAcknowledgementSettings };

export interface AcknowledgerHandle { stop(): Promise<void> }

/** E-mail acknowledgements. Subscribes and resolves at once; joining the group goes on in the background. */
export function startAcknowledger(o: AcknowledgerOptions): Promise<AcknowledgerHandle> {
  const { sender, settings, ...rest } = o;
  return startChannelAcknowledger({ ...rest, port: emailChannel(sender, settings) });
}

/** One channel's acknowledgements. Subscribes and resolves at once; joining the group goes on in the background. */
export async function startChannelAcknowledger<M>(o: ChannelAcknowledgerOptions<M>): Promise<AcknowledgerHandle> {
  const log = o.logger.child({ component: 'acknowledge', channel: o.port.channel });
  const stopping = new AbortController();
  const context = { store: o.store, port: o.port, retrying: { ...o.retry, signal: stopping.signal }, log, now: o.now };
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
    ...loggedGroupEvents(log, o.groupId, o),
  });
  log.info({ groupId: o.groupId, topics: o.topics }, 'joining the group');
  return {
    async stop() {
      stopping.abort();
      await subscription.stop();
    },
  };
}
