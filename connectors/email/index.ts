/** The e-mail connector: IMAP mailboxes, one pull loop each (PIPELINE.md's pull-source shape). */
import type { EmailConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';
import { keepNothingBlobStore } from '../../runtime/blob-store.js';
import { startPullLoop, type PullLoop } from '../pull-source.js';
import type { Connector, ConnectorDefinition } from '../types.js';
import type { DocumentsDeps } from '../documents/index.js';
import { mailCapture } from './capture.js';
import { imapSource } from './imap-source.js';
import { defaultMailLimits, type MailLimits } from './limits.js';
import { readMail } from './read-mail.js';
import { replayMailFile } from './replay.js';

type Settings = Defaulted<EmailConfig>;

function mailLimitsOf(config: Settings): MailLimits {
  return { ...defaultMailLimits, maxRawBytes: config.maxMessageBytes };
}

/** The password of each mailbox; a mailbox without one stops startup, naming the key. */
function passwordsOf(config: Settings): Map<string, string> {
  const out = new Map<string, string>();
  const ids = new Set<string>();
  for (const [i, m] of config.mailboxes.entries()) {
    if (ids.has(m.id)) throw new IntakeError('INTAKE_CONFIG_INVALID', `connectors.email.mailboxes[${i}].id: ${m.id} is used twice`);
    ids.add(m.id);
    const password = config.passwords[m.id];
    if (password === undefined) throw new IntakeError('INTAKE_CONFIG_INVALID', `connectors.email.passwords (INTAKE_IMAP_PASSWORDS): no password for mailbox ${m.id}`);
    out.set(m.id, password);
  }
  return out;
}

export const emailConnector: ConnectorDefinition<Settings> = {
  id: 'email',
  configSchemaId: 'email-config.schema.json',
  channels: ['email'],
  fixtureExtensions: ['.eml'],
  async read(file, options) {
    const reading = await readMail(file, { receivedAt: options.receivedAt, limits: mailLimitsOf(options.config), blobStore: keepNothingBlobStore() });
    return reading.ok ? { ok: true, item: reading.item } : { ok: false, code: reading.code, errors: [{ path: '(mail)', message: reading.reason }] };
  },
  replay: replayMailFile,
  create(config, deps: DocumentsDeps): Connector {
    const passwords = passwordsOf(config);
    if (config.mailboxes.length === 0) throw new IntakeError('INTAKE_CONFIG_INVALID', 'connectors.email.mailboxes: the e-mail connector is enabled but has no mailbox');
    const capture = mailCapture(deps, mailLimitsOf(config), { addresses: config.faxGateways, ocrTopic: deps.ocrTopic });
    if (config.faxGateways.length > 0 && deps.ocrTopic === undefined) throw new IntakeError('INTAKE_CONFIG_INVALID', 'kafka.topics.ocr: connectors.email.faxGateways needs the OCR topic');
    let loops: PullLoop[] = [];
    return {
      id: 'email',
      start() {
        loops = config.mailboxes.map((mailbox) => {
          const stage = `capture:email:${mailbox.id}` as const;
          deps.readiness.set(stage, 'starting');
          return startPullLoop({
            source: imapSource(mailbox, passwords.get(mailbox.id) ?? '', config, () => deps.readiness.set(stage, 'ready')),
            handle: (mail) => capture.handle(mail),
            publishAttempts: 5,
            maxBackoffMs: config.reconnectMaxSeconds * 1000,
            onError: (phase, error) => {
              deps.logger.warn({ component: 'email', mailbox: mailbox.id, phase, code: errorCode(error) }, 'mailbox trouble');
              // Either failure drops the connection (the loop resets the source): the next pull opens another.
              if (phase !== 'publish') deps.metrics?.imapReconnected(mailbox.id);
            },
            onSourceState: (state) => deps.readiness.set(stage, state),
          });
        });
        deps.logger.info({ component: 'email', mailboxes: config.mailboxes.length }, 'reading mailboxes');
        return Promise.resolve();
      },
      async stop() {
        for (const mailbox of config.mailboxes) deps.readiness.set(`capture:email:${mailbox.id}`, 'stopping');
        await Promise.all(loops.map((l) => l.stop()));
      },
    };
  },
};

/** A code for the log, never a message: a server's or a parser's text may quote the mail. */
function errorCode(error: unknown): string {
  if (error instanceof IntakeError) return error.code;
  const code = (error as { code?: unknown; serverResponseCode?: unknown } | null);
  return typeof code?.code === 'string' ? code.code : typeof code?.serverResponseCode === 'string' ? code.serverResponseCode : (error as Error | null)?.name ?? 'Error';
}
