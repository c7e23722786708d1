/**
 * Telling customers their application was recorded (DOMAIN.md rule 5): by e-mail over SMTP, by SMS
 * through Twilio, each channel with a consumer group of its own and at most one acknowledgement per
 * application and channel. The daemon starts them after the sink, which stores the claims, and
 * stops them before the bus closes.
 */
import type { Config } from '../runtime/config.js';
import type { AcknowledgementChannelPort } from './acknowledge-outcome.js';
import type { Bus } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import { emailChannel, smsChannel } from './channels.js';
import { emailAcknowledgementSettings, smtpOptionsOf, type EmailAcknowledgementConfig } from './email-settings.js';
import { startChannelAcknowledger, type AcknowledgerHandle, type ChannelAcknowledgerOptions } from './runner.js';
import { smsAcknowledgementSettings, twilioOptionsOf, type SmsAcknowledgementConfig } from './sms-settings.js';
import { smtpSender } from './smtp-sender.js';
import type { AcknowledgementStore } from './store-port.js';
import { twilioSender } from './twilio-sender.js';

export type { AcknowledgerHandle } from './runner.js';

export interface AcknowledgementDeps {
  bus: Bus;
  store: AcknowledgementStore;
  /** The crm and needs-info outcome topics. */
  topics: readonly string[];
  logger: Logger;
  now: () => Date;
  onFatal?: (error: Error) => void;
  /** Every enabled channel's consumer has joined its group (for `/readyz`). */
  onJoin?: () => void;
  /** A channel's consumer crashed and is rejoining on its own. */
  onRejoining?: () => void;
}

/** One channel's consumer over its port; its sender is closed when it stops, or when it cannot start. */
async function startChannel<M>(sender: { close(): void }, port: AcknowledgementChannelPort<M>, config: { consumerGroup: string; retry: ChannelAcknowledgerOptions<M>['retry'] }, deps: AcknowledgementDeps): Promise<AcknowledgerHandle> {
  try {
    const runner = await startChannelAcknowledger({ ...deps, port, groupId: config.consumerGroup, retry: config.retry });
    return {
      async stop() {
        await runner.stop();
        sender.close();
      },
    };
  } catch (error) {
    sender.close();
    throw error;
  }
}

/**
 * Starts e-mail acknowledgements as configured.
 * @throws IntakeError INTAKE_CONFIG_INVALID naming the key; INTAKE_KAFKA_UNAVAILABLE when subscribing fails
 */
export function startEmailAcknowledgements(config: EmailAcknowledgementConfig, deps: AcknowledgementDeps): Promise<AcknowledgerHandle> {
  const sender = smtpSender(smtpOptionsOf(config));
  return startChannel(sender, emailChannel(sender, emailAcknowledgementSettings(config)), config, deps);
}

/**
 * Starts SMS acknowledgements as configured.
 * @throws IntakeError INTAKE_CONFIG_INVALID naming the key; INTAKE_KAFKA_UNAVAILABLE when subscribing fails
 */
export async function startSmsAcknowledgements(config: SmsAcknowledgementConfig, deps: AcknowledgementDeps): Promise<AcknowledgerHandle> {
  const settings = smsAcknowledgementSettings(config);
  const sender = await twilioSender(twilioOptionsOf(config));
  return startChannel(sender, smsChannel(sender, settings), config, deps);
}

/**
 * Starts every enabled channel, each its own consumer; null when none is enabled. The configuration
 * of every enabled channel is checked before any starts.
 * @throws IntakeError INTAKE_CONFIG_INVALID naming the key; INTAKE_KAFKA_UNAVAILABLE when subscribing fails
 */
export async function startAcknowledgements(config: Config['acknowledgements'], deps: AcknowledgementDeps): Promise<AcknowledgerHandle | null> {
  if (config.email.enabled) { emailAcknowledgementSettings(config.email); smtpOptionsOf(config.email); }
  if (config.sms.enabled) twilioOptionsOf(config.sms);
  const started: AcknowledgerHandle[] = [];
  // Ready once every enabled channel has joined its group.
  const channels = [config.email.enabled, config.sms.enabled].filter(Boolean).length;
  const joined = new Set<string>();
  const channelDeps = (channel: string): AcknowledgementDeps => ({
    ...deps,
    onJoin: () => { joined.add(channel); if (joined.size === channels) deps.onJoin?.(); },
    onRejoining: () => { joined.delete(channel); deps.onRejoining?.(); },
  });
  const stopAll = async (): Promise<void> => {
    for (const handle of started.splice(0).reverse()) await handle.stop();
  };
  try {
    if (config.email.enabled) started.push(await startEmailAcknowledgements(config.email, channelDeps('email')));
    if (config.sms.enabled) started.push(await startSmsAcknowledgements(config.sms, channelDeps('sms')));
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
  return started.length === 0 ? null : { stop: stopAll };
}
