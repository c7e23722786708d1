/** Sending through a real SMTP server on loopback: what arrives, byte for byte, and how failures read. */
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { simpleParser, type AddressObject } from 'mailparser';
import { buildEmailAcknowledgement, type AcknowledgementMail } from '../../acknowledge/build-email.js';
import { smtpSender } from '../../acknowledge/smtp-sender.js';
import { IntakeError } from '../../runtime/errors.js';
import { emailOutcome, from, now, settings } from './outcome-fixture.js';
import { startRecordingSmtpServer, type Received, type RecordingSmtpServer } from './recording-smtp-server.js';

function needsInfoMail(): AcknowledgementMail {
  const outcome = emailOutcome('needs-info', { decision: { itemId: 'email:00000000000000000000000000000abc', emergency: true, missing: ['nationalId', 'contractAccountNumber'] } });
  const built = buildEmailAcknowledgement(outcome, settings, now);
  assert.ok(built.due);
  return built.mail;
}

const firstAddress = (field: AddressObject | AddressObject[] | undefined): { name: string; address: string | undefined } | undefined => {
  const value = Array.isArray(field) ? field[0]?.value[0] : field?.value[0];
  return value === undefined ? undefined : { name: value.name, address: value.address };
};

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', () => done()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((done) => probe.close(() => done()));
  return port;
}

describe('smtpSender', () => {
  let server: RecordingSmtpServer;
  const senderTo = (port: number): ReturnType<typeof smtpSender> => smtpSender({ host: '127.0.0.1', port, secure: false, auth: null, from });

  before(async () => { server = await startRecordingSmtpServer(); });
  after(() => server.close());
  afterEach(() => { server.refuseRecipient = () => null; });

  context('when a needs-info acknowledgement is sent', () => {
    let mail: AcknowledgementMail;
    let received: Received[];
    let raw: string;

    before(async () => {
      mail = needsInfoMail();
      const sender = senderTo(server.port);
      await sender.send(mail);
      sender.close();
      received = [...server.received];
      raw = received[0]?.raw.toString('utf8') ?? '';
    });

    it('reaches the customer from our address (envelope)', () => {
      assert.equal(received.length, 1);
      assert.equal(received[0]?.from, 'basvuru@igdas.example');
      assert.deepEqual(received[0]?.to, ['ayse@example.com']);
    });

    it('carries the threading and auto-reply headers as written', () => {
      assert.match(raw, /^Auto-Submitted: auto-replied\r$/m);
      assert.match(raw, /^In-Reply-To: <a1@example\.com>\r$/m);
      assert.match(raw, /^References: <a1@example\.com>\r$/m);
      assert.match(raw, /^Message-ID: <ack\.email\.00000000000000000000000000000abc@igdas\.example>\r$/m);
    });

    it('decodes to the Turkish subject, From, To and body that were built', async () => {
      const parsed = await simpleParser(raw);
      assert.equal(parsed.subject, '[Başvuru No: 2026-000123] Re: Fatura itirazı');
      assert.deepEqual(firstAddress(parsed.from), { name: 'İGDAŞ Çağrı Merkezi', address: 'basvuru@igdas.example' });
      assert.deepEqual(firstAddress(parsed.to), { name: '', address: 'ayse@example.com' });
      assert.equal(parsed.inReplyTo, '<a1@example.com>');
      assert.equal(parsed.text, mail.text);
      assert.match(parsed.text ?? '', /187 Doğal Gaz Acil/);
      assert.match(parsed.text ?? '', /- T\.C\. Kimlik Numaranız\n- Sözleşme Hesap Numaranız/);
    });
  });

  context('when the server refuses the recipient for good (5xx)', () => {
    it('throws INTAKE_SMTP_REJECTED with the reply code and without the address', async () => {
      server.refuseRecipient = (address) => ({ code: 550, text: `<${address}>: mailbox unavailable` });
      const sender = senderTo(server.port);
      await assert.rejects(sender.send(needsInfoMail()), (e: unknown) => {
        assert.ok(e instanceof IntakeError);
        assert.deepEqual([e.code, e.retriable, e.details.smtpCode], ['INTAKE_SMTP_REJECTED', false, 550]);
        assert.doesNotMatch(`${e.message} ${JSON.stringify(e.details)} ${String(e.cause)}`, /ayse/);
        return true;
      });
      sender.close();
    });
  });

  context('when the server answers with a temporary failure (4xx)', () => {
    it('throws the retriable INTAKE_SMTP_UNAVAILABLE', async () => {
      server.refuseRecipient = () => ({ code: 451, text: 'try again later' });
      const sender = senderTo(server.port);
      await assert.rejects(sender.send(needsInfoMail()), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_SMTP_UNAVAILABLE' && e.retriable);
      sender.close();
    });
  });

  context('when nothing listens on the port', () => {
    it('throws the retriable INTAKE_SMTP_UNAVAILABLE', async () => {
      const sender = senderTo(await closedPort());
      await assert.rejects(sender.send(needsInfoMail()), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_SMTP_UNAVAILABLE' && e.retriable);
      sender.close();
    });
  });
});
