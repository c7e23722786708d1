/**
 * The e-mail channel end to end on real infrastructure: a real Dovecot (started by the test), a
 * real Kafka broker, the real PostgreSQL, and `intake daemon` as a child process reading the
 * mailbox. Fixtures are delivered with IMAP APPEND (`intake replay`), as a mail server delivers
 * them; then the faults of issue 8: Dovecot restarted and the daemon killed mid-batch, the same
 * mail delivered twice, UIDVALIDITY changed. After each, every mail is recorded once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile } from '../../cli/check.js';
import { replayDir } from '../../cli/replay.js';
import { emailConnector } from '../../connectors/email/index.js';
import type { ReplayMailbox } from '../../connectors/types.js';
import { CAPTURED } from '../../connectors/email/imap-source.js';
import { resetUidValidity, startDovecot, type DovecotServer } from '../../infra/dovecot/server.js';
import { loadConfig } from '../../runtime/config.js';
import { openSink, type Sink } from '../../sink/index.js';
import { freePort, startDaemonProcess, stopDaemonProcess, type DaemonProcess } from '../support/daemon-process.js';
import { runEnv, writeRunConfig } from '../support/e2e-run.js';
import type { ExpectedMail } from '../support/email-fixture-score.js';
import { fixturesRoot } from '../support/fixtures.js';
import { nestedForwardsMail, truncatedMimeMails } from '../support/hostile-mail.js';
import { appendMail, listMailbox } from '../support/imap-mailbox.js';
import { databaseUrl, runId, testBrokers } from '../support/infra.js';
import { runTopics } from '../support/run-topics.js';
import { readTopics, type TopicReader } from '../support/topic-reader.js';
import { waitFor } from '../support/wait-for.js';

const user = 'intake';
const password = 'intake-e2e-secret';

/** A complete complaint with its own Message-ID; `n` tells them apart. */
function complaint(tag: string, n: number): Buffer {
  return Buffer.from([
    `Message-ID: <${tag}-${n}@musteri.example>`, 'From: "Selin Kaya" <selin.kaya@musteri.example>', 'To: cagri@igdas.example',
    `Subject: =?UTF-8?B?${Buffer.from(`Fatura itirazı ${n}`).toString('base64')}?=`, 'Date: Sun, 29 Nov 2026 09:00:00 +0300', 'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '',
    `Merhaba, bu ay faturam çok yüksek geldi (${n}). Sayaç endeksinin kontrol edilmesini istiyorum.`, '',
    'Ad Soyad: Selin Kaya', 'T.C. Kimlik No: 10000000146', 'Sözleşme Hesap No: 1234567890', 'Tel: 0532 123 45 67', '',
  ].join('\r\n'));
}

async function itemIdOf(raw: Buffer): Promise<string> {
  const reading = await emailConnector.read(raw, { channel: 'email', receivedAt: new Date(), config: loadConfig({}).connectors.email });
  assert.ok(reading.ok);
  return reading.item.itemId;
}

describe('e-mail end to end (real Dovecot, Kafka, PostgreSQL)', function () {
  this.timeout(300_000);
  const id = runId('mail');
  const topics = runTopics(id);
  // Dovecot's socket paths bound the dir's length: a short one under /tmp.
  const work = mkdtempSync('/tmp/intake-mail-');
  const configFile = join(work, 'intake.json');
  let imap: DovecotServer;
  let mailbox: ReplayMailbox;
  let stopBrokers: () => Promise<void>;
  let sink: Sink;
  let reader: TopicReader;
  let daemon: DaemonProcess | null = null;
  let env: Record<string, string>;

  const start = async (): Promise<DaemonProcess> => startDaemonProcess({ configFile, env, port: await freePort(), logFile: join(work, 'daemon.log') });
  const stopDaemon = async (signal: NodeJS.Signals): Promise<void> => {
    await stopDaemonProcess(daemon, signal);
    daemon = null;
  };
  // The outcome is published after the row is committed and read here later still: a check of the
  // outcomes right after the rows appear could miss the last ones, so both are waited for.
  const recorded = (itemIds: readonly string[]): Promise<boolean | null> =>
    Promise.all(itemIds.map((i) => sink.get(i))).then((rows) => (rows.every((r) => r !== null) && itemIds.every((i) => firstWrites(i) >= 1) ? true : null));
  /** Outcomes published as first writes, per item: a mail recorded twice would show two. */
  const firstWrites = (itemId: string): number => reader.messages.filter((m) => m.key === itemId && m.topic !== topics.deadLetter && m.topic !== topics.emergency && (JSON.parse(String(m.value)) as { firstWrite: boolean }).firstWrite).length;

  before(async () => {
    const { brokers, stop } = await testBrokers();
    stopBrokers = stop;
    imap = await startDovecot({ dir: mkdtempSync('/tmp/intake-imap-'), users: [{ user, password }] });
    mailbox = { host: imap.host, port: imap.port, secure: false, user, password, folder: 'INBOX' };
    writeRunConfig(configFile, { id, work, topics }, {
      connectors: { email: { enabled: true, pollSeconds: 2, reconnectMaxSeconds: 2, mailboxes: [{ id: 'support', host: imap.host, port: imap.port, secure: false, user }] } },
    });
    env = runEnv(id, brokers, { INTAKE_IMAP_PASSWORDS: `support=${password}` });
    sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: id });
    // The daemon creates the topics; the reader subscribes after.
    daemon = await start();
    reader = await readTopics(brokers, [topics.emergency, topics.crm, topics.needsInfo, topics.archiveOnly, topics.ignored, topics.deadLetter]);
  });

  after(async () => {
    await stopDaemon('SIGTERM');
    await reader?.stop();
    await sink?.close();
    await imap?.stop();
    await stopBrokers?.();
  });

  context('when the fixture mails are delivered into the mailbox', () => {
    const dir = join(fixturesRoot, 'email');
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, ExpectedMail>;
    let results: Awaited<ReturnType<typeof replayDir>>;

    before(async () => {
      results = await replayDir(dir, { endpoint: '', staffApiKey: null, mailbox });
      await waitFor('every fixture mail recorded', () => recorded(results.map((r) => r.itemId ?? '')), 120_000, 250);
    });

    it('records each mail once, as `intake check` decides it, and the same mail delivered twice once', async () => {
      const config = loadConfig({});
      for (const r of results) {
        const name = r.file.slice(dir.length + 1);
        const stored = await sink.get(r.itemId ?? '');
        const checked = await checkFile(r.file, 'email', config, new Date(), null);
        assert.equal(stored?.kind, checked.decision, name);
        assert.equal(stored?.channel, 'email', name);
        assert.equal(firstWrites(r.itemId ?? ''), 1, name);
        if (expected[name]?.sameItemAs) assert.equal(r.itemId, results.find((o) => o.file.endsWith(`/${expected[name]?.sameItemAs ?? ''}`))?.itemId);
      }
    });

    it('puts an alert on the emergency topic for every mail that reports gas', async () => {
      for (const r of results.filter((x) => (x.itemId ?? '') !== '')) {
        const stored = await sink.get(r.itemId ?? '');
        if (stored?.emergency !== true) continue;
        assert.ok(reader.messages.some((m) => m.topic === topics.emergency && m.key === r.itemId), r.file);
      }
    });

    it('marks every mail captured in the mailbox, and deletes none', async () => {
      const mails = await listMailbox(imap, user, 'INBOX');
      assert.equal(mails.length, results.length);
      for (const m of mails) assert.ok(m.flags.includes(CAPTURED) && m.flags.includes('\\Seen'), `uid ${m.uid}: ${m.flags.join(' ')}`);
    });
  });

  context('when a reply names the application number of an earlier mail', () => {
    it('attaches the reply to that application instead of numbering a new one', async () => {
      const first = complaint(`${id}-first`, 1);
      await appendMail(imap, user, 'INBOX', first);
      const firstId = await itemIdOf(first);
      const original = await waitFor('the first mail recorded', () => sink.get(firstId), 60_000, 250);
      const number = original.applicationNumber ?? '';
      const reply = Buffer.from(complaint(`${id}-reply`, 2).toString().replace(/^Subject: .*$/m, `Subject: Re: [Başvuru No: ${number}]`));
      await appendMail(imap, user, 'INBOX', reply);
      const followUp = await waitFor('the reply recorded', async () => sink.get(await itemIdOf(reply)), 60_000, 250);
      assert.equal(followUp.applicationNumber, null);
      assert.deepEqual(followUp.decision.linkedTo, { itemId: firstId, applicationNumber: number });
      assert.ok(followUp.reasons.includes('FOLLOW_UP_LINKED'));
    });
  });

  context('when mails that cannot be read arrive', () => {
    it('ends each as a record or a dead letter, moves the unreadable to the failed folder, and keeps running', async () => {
      const hostile = [...Object.values(truncatedMimeMails()), nestedForwardsMail(20)];
      for (const raw of hostile) await appendMail(imap, user, 'INBOX', raw);
      await appendMail(imap, user, 'INBOX', Buffer.from('\u0000 no header, no body: no mail\r\n'));
      await waitFor('the hostile mails handled', async () => ((await listMailbox(imap, user, 'INBOX')).every((m) => m.flags.includes(CAPTURED)) ? true : null), 60_000, 250);
      const failed = await waitFor('the unreadable one in the failed folder', async () => { const f = await listMailbox(imap, user, 'Intake-Failed'); return f.length > 0 ? f : null; }, 60_000, 250);
      assert.equal(failed.length, 1);
      assert.ok(reader.messages.some((m) => m.topic === topics.deadLetter && m.headers['x-source'] === 'email/support' && m.headers['x-error-code'] === 'INTAKE_INPUT_UNREADABLE'));
      assert.equal(daemon?.child.exitCode, null);
      const ok = await fetch(`${daemon?.endpoint ?? ''}/healthz`);
      assert.equal(ok.status, 200);
    });
  });

  context('when things go wrong mid-batch', () => {
    const batch = async (tag: string, count: number): Promise<string[]> => {
      const mails = Array.from({ length: count }, (_, n) => complaint(`${id}-${tag}`, n));
      for (const raw of mails) await appendMail(imap, user, 'INBOX', raw);
      return Promise.all(mails.map(itemIdOf));
    };
    const someRecorded = (ids: readonly string[]): Promise<true | null> => Promise.all(ids.map((i) => sink.get(i))).then((rows) => (rows.some((r) => r !== null) ? true : null));

    it('loses and doubles nothing when Dovecot restarts', async () => {
      const ids = await batch('restart', 30);
      await waitFor('some of the batch recorded', () => someRecorded(ids), 60_000, 50);
      await imap.restart();
      await waitFor('the whole batch recorded', () => recorded(ids), 120_000, 250);
      for (const i of ids) assert.equal(firstWrites(i), 1, i);
    });

    it('loses and doubles nothing when the daemon is killed and started again', async () => {
      const ids = await batch('sigkill', 30);
      await waitFor('some of the batch recorded', () => someRecorded(ids), 60_000, 50);
      await stopDaemon('SIGKILL');
      daemon = await start();
      await waitFor('the whole batch recorded', () => recorded(ids), 120_000, 250);
      for (const i of ids) assert.ok((await sink.get(i)) !== null);
    });

    it('loses and doubles nothing when the folder\'s UIDVALIDITY changes', async () => {
      const before = await batch('before-reset', 5);
      await waitFor('the mails recorded', () => recorded(before), 60_000, 250);
      await resetUidValidity(imap, user, 'INBOX');
      const after = await batch('after-reset', 5);
      await waitFor('the new mails recorded', () => recorded(after), 120_000, 250);
      for (const i of [...before, ...after]) assert.equal(firstWrites(i), 1, i);
      const mails = await listMailbox(imap, user, 'INBOX');
      assert.ok(mails.every((m) => m.flags.includes(CAPTURED)));
    });
  });
});
