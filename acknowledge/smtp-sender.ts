/** Sends acknowledgements through one SMTP server (submission), with nodemailer. */
import { createTransport } from 'nodemailer';
import type { AcknowledgementMail } from './build-email.js';
import { translateSmtpError } from './smtp-errors.js';

export interface MailSender {
  /** @throws IntakeError INTAKE_SMTP_UNAVAILABLE (retriable), INTAKE_SMTP_REJECTED */
  send(mail: AcknowledgementMail): Promise<void>;
  close(): void;
}

export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the start; false upgrades with STARTTLS when the server offers it. */
  secure: boolean;
  /** With a password: logs in; null sends without logging in. */
  auth: { user: string; password: string } | null;
  /** The From header: `İGDAŞ Çağrı Merkezi <basvuru@igdas.example>`. */
  from: string;
}

// nodemailer waits 2 minutes to connect and 10 to time out an idle socket; every attempt runs while
// the consumer holds its partition, so a server that does not answer must fail fast and be retried.
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function smtpSender(o: SmtpOptions): MailSender {
  const transport = createTransport({
    host: o.host, port: o.port, secure: o.secure, ...timeouts,
    ...(o.auth === null ? {} : { auth: { user: o.auth.user, pass: o.auth.password } }),
  });
  return {
    async send(mail) {
      try {
        await transport.sendMail({
          from: o.from, to: mail.to, subject: mail.subject, text: mail.text, messageId: mail.messageId,
          ...(mail.inReplyTo === null ? {} : { inReplyTo: mail.inReplyTo, references: mail.references }),
          headers: { ...mail.headers },
        });
      } catch (error) {
        throw translateSmtpError(error);
      }
    },
    close: () => transport.close(),
  };
}
