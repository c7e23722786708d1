/** What the SMS acknowledgement needs of its configuration, checked and prepared once at start. */
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import type { TwilioOptions } from './twilio-sender.js';

export type SmsAcknowledgementConfig = Config['acknowledgements']['sms'];

export interface SmsAcknowledgementSettings {
  /** Our sending number (E.164), never texted; null when a Messaging Service picks it. */
  ownNumber: string | null;
  maxAgeHours: number;
}

export function smsAcknowledgementSettings(config: Pick<SmsAcknowledgementConfig, 'from' | 'maxAgeHours'>): SmsAcknowledgementSettings {
  return { ownNumber: config.from, maxAgeHours: config.maxAgeHours };
}

/**
 * The account and sender to send with. The schema refuses an enabled acknowledgement without an
 * account or a token; the sender is checked here.
 * @throws IntakeError INTAKE_CONFIG_INVALID naming the key
 */
export function twilioOptionsOf(config: SmsAcknowledgementConfig): TwilioOptions {
  const { accountSid, authToken, from, messagingServiceSid } = config;
  if (accountSid === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.sms.accountSid (INTAKE_TWILIO_ACK_ACCOUNT_SID): required when SMS acknowledgements are enabled');
  if (authToken === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.sms.authToken (INTAKE_TWILIO_ACK_AUTH_TOKEN): required when SMS acknowledgements are enabled');
  if (from !== null && messagingServiceSid !== null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.sms.from, acknowledgements.sms.messagingServiceSid: set one of them, not both');
  const sender = from !== null ? { from } : messagingServiceSid !== null ? { messagingServiceSid } : null;
  if (sender === null) throw new IntakeError('INTAKE_CONFIG_INVALID', 'acknowledgements.sms.from: a sending number (or acknowledgements.sms.messagingServiceSid) is required when SMS acknowledgements are enabled');
  return { accountSid, authToken, sender, apiBaseUrl: config.apiBaseUrl, timeoutMs: config.timeoutMs };
}
