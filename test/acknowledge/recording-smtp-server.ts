/** A local SMTP server (smtp-server) on a free loopback port that records what it receives. */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

export interface Received {
  from: string | null;
  to: string[];
  /** The message exactly as it arrived. */
  raw: Buffer;
}

export interface RecordingSmtpServer {
  port: number;
  readonly received: Received[];
  /** Answers each RCPT TO with this error, or takes it when it returns null. */
  refuseRecipient: (address: string) => { code: number; text: string } | null;
  close(): Promise<void>;
}

function smtpError(code: number, text: string): Error & { responseCode: number } {
  return Object.assign(new Error(text), { responseCode: code });
}

export async function startRecordingSmtpServer(): Promise<RecordingSmtpServer> {
  const received: Received[] = [];
  const recorder: RecordingSmtpServer = {
    port: 0,
    received,
    refuseRecipient: () => null,
    close: () => new Promise((done) => { server.close(() => done()); }),
  };
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS to upgrade to, no login required.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refusal = recorder.refuseRecipient(address.address);
      callback(refusal === null ? null : smtpError(refusal.code, refusal.text));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({ from: mailFrom === false ? null : mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((listening, failed) => {
    server.once('error', failed);
    server.listen(0, '127.0.0.1', () => listening());
  });
  recorder.port = (server.server.address() as AddressInfo).port;
  return recorder;
}
