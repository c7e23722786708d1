/** The e-mail and SMS channels as the runner sees them: a builder, a sender, and loggable failure codes. */
import { IntakeError } from '../runtime/errors.js';
import type { AcknowledgementChannelPort } from './acknowledge-outcome.js';
import { buildEmailAcknowledgement, type AcknowledgementMail } from './build-email.js';
import { buildSmsAcknowledgement, type AcknowledgementSms } from './build-sms.js';
import type { EmailAcknowledgementSettings } from './email-settings.js';
import type { MailSender } from './smtp-sender.js';
import type { SmsAcknowledgementSettings } from './sms-settings.js';
import type { SmsSender } from './twilio-sender.js';

function detail(error: unknown, key: string): string | number | null {
  const value = error instanceof IntakeError ? error.details[key] : undefined;
  return typeof value === 'string' || typeof value === 'number' ? value : null;
}

export function emailChannel(sender: MailSender, settings: EmailAcknowledgementSettings): AcknowledgementChannelPort<AcknowledgementMail> {
  return {
    channel: 'email',
    plan(outcome, now) {
      const built = buildEmailAcknowledgement(outcome, settings, now);
      return built.due ? { due: true, claim: built.claim, message: built.mail } : built;
    },
    send: (mail) => sender.send(mail),
    failureFields: (error) => ({ smtpCode: detail(error, 'smtpCode') }),
    sending: 'the SMTP send',
  };
}

export function smsChannel(sender: SmsSender, settings: SmsAcknowledgementSettings): AcknowledgementChannelPort<AcknowledgementSms> {
  return {
    channel: 'sms',
    plan(outcome, now) {
      const built = buildSmsAcknowledgement(outcome, settings, now);
      return built.due ? { due: true, claim: built.claim, message: built.sms } : built;
    },
    send: (sms) => sender.send(sms),
    failureFields: (error) => ({ httpStatus: detail(error, 'httpStatus'), twilioCode: detail(error, 'twilioCode'), reason: detail(error, 'reason') }),
    sending: 'the Twilio send',
  };
}
