/**
 * Telling customers their application was recorded (DOMAIN.md rule 5). E-mail today, by SMTP; SMS
 * will join it. The daemon starts it after the sink, which stores the claims, and stops it before
 * the bus closes.
 */
import type { Bus } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';
import { emailAcknowledgementSettings, smtpOptionsOf, type EmailAcknowledgementConfig } from './email-settings.js';
import { startAcknowledger, type AcknowledgerHandle } from './runner.js';
import { smtpSender } from './smtp-sender.js';
import type { AcknowledgementStore } from './store-port.js';

export type { AcknowledgerHandle } from './runner.js';

export interface AcknowledgementDeps {
  bus: Bus;
  store: AcknowledgementStore;
  /** The crm and needs-info outcome topics. */
  topics: readonly string[];
  logger: Logger;
  now: () => Date;
  onFatal?: (error: Error) => void;
}

/**
 * Starts e-mail acknowledgements as configured.
 * @throws IntakeError INTAKE_CONFIG_INVALID naming the key; INTAKE_KAFKA_UNAVAILABLE when subscribing fails
 */
export async function startEmailAcknowledgements(config: EmailAcknowledgementConfig, deps: AcknowledgementDeps): Promise<AcknowledgerHandle> {
  const settings = emailAcknowledgementSettings(config);
  const sender = smtpSender(smtpOptionsOf(config));
  try {
    const runner = await startAcknowledger({ ...deps, sender, settings, groupId: config.consumerGroup, retry: config.retry });
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
