/**
 * Faxes and letters end to end on real infrastructure: `intake daemon` as a child process with the
 * documents connector (a drop folder and the mail room's upload), the OCR workers reading with the
 * real tesseract.js, a real Kafka broker and the real PostgreSQL. Each document lands as `intake
 * check` decides it, once; the faxed gas report reaches the emergency topic; a petition dropped
 * with its registry number is recorded under it and its file moves to done/.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkFile } from '../../cli/check.js';
import { documentKey } from '../../connectors/documents/document-job.js';
import { replayDocumentFile } from '../../connectors/documents/replay.js';
import { loadConfig } from '../../runtime/config.js';
import { openSink, type Sink } from '../../sink/index.js';
import { consumerLag } from '../support/consumer-lag.js';
import { freePort, startDaemonProcess, stopDaemonProcess, type DaemonProcess } from '../support/daemon-process.js';
import { runEnv, writeRunConfig } from '../support/e2e-run.js';
import { fixturesRoot } from '../support/fixtures.js';
import { databaseUrl, runId, testBrokers } from '../support/infra.js';
import { runTopics } from '../support/run-topics.js';
import { readTopics, type TopicReader } from '../support/topic-reader.js';
import { waitFor } from '../support/wait-for.js';

const KEY = 'e2e-mailroom-key-0123456789';
const UPLOADED = ['faxed-gas-leak-report.tif', 'clean-letter-complete.png', 'corrupt-file.pdf'];
const PETITION = 'petition-with-registry-number.png';

describe('faxes and letters end to end (drop folder, upload, OCR, real Kafka, PostgreSQL)', function () {
  this.timeout(300_000);
  const id = runId('documents');
  const topics = runTopics(id);
  const work = mkdtempSync(join(tmpdir(), 'intake-documents-'));
  const drop = join(work, 'drop');
  const configFile = join(work, 'intake.json');
  const dir = join(fixturesRoot, 'scans');
  let stopBrokers: () => Promise<void>;
  let brokers: string[];
  let sink: Sink;
  let reader: TopicReader;
  let daemon: DaemonProcess | null = null;
  let env: Record<string, string>;

  before(async () => {
    ({ brokers, stop: stopBrokers } = await testBrokers());
    mkdirSync(drop);
    writeRunConfig(configFile, { id, work, topics }, {
      ocr: { consumerGroup: `${id}-ocr` },
      connectors: { documents: { enabled: true, folders: [{ path: drop, channel: 'letter' }], pollMs: 100, settleMs: 0, upload: { port: await freePort() } } },
    });
    env = runEnv(id, brokers, { INTAKE_MAILROOM_API_KEYS: `mail-room=${KEY}` });
    sink = await openSink({ databaseUrl, embeddedDir: null, pgSchema: id });
    daemon = await startDaemonProcess({ configFile, env, port: await freePort(), logFile: join(work, 'daemon.log') });
    reader = await readTopics(brokers, [topics.emergency]);
  });

  after(async () => {
    await stopDaemonProcess(daemon);
    await reader?.stop();
    await sink?.close();
    await stopBrokers?.();
  });

  const target = (): Parameters<typeof replayDocumentFile>[1] => {
    const config = loadConfig({ file: configFile, env });
    return { endpoint: '', staffApiKey: null, mailbox: null, documents: { endpoint: `http://127.0.0.1:${config.connectors.documents.upload.port}`, apiKey: KEY } };
  };

  it('records each uploaded document once, as `intake check` decides it, the faxed gas report alerted', async () => {
    const config = loadConfig({});
    for (const name of UPLOADED) {
      const result = await replayDocumentFile(readFileSync(join(dir, name)), target());
      assert.equal(result.status, 202, `${name}: ${String(result.body)}`);
      const stored = await waitFor(`${name} recorded`, () => sink.get(result.itemId ?? ''), 120_000, 200);
      const checked = await checkFile(join(dir, name), name.endsWith('.tif') ? 'fax' : 'letter', config, new Date(), null);
      assert.equal(stored.kind, checked.decision, name);
      assert.equal(stored.emergency, checked.emergency, name);
      assert.equal(stored.channel, name.endsWith('.tif') ? 'fax' : 'letter');
    }
    const leak = documentKey(readFileSync(join(dir, 'faxed-gas-leak-report.tif'))).itemId;
    assert.equal((await sink.get(leak))?.emergency, true);
    await waitFor('the gas alert', async () => (reader.messages.some((m) => m.key === leak) ? true : null), 30_000, 100);
    const corrupt = await sink.get(documentKey(readFileSync(join(dir, 'corrupt-file.pdf'))).itemId);
    assert.equal(corrupt?.kind, 'archive-only');
    assert.ok(corrupt?.reasons.includes('DOCUMENT_UNREADABLE'));
  });

  it('takes a petition from the drop folder under its registry number and moves the file to done/', async () => {
    copyFileSync(join(dir, PETITION), join(drop, `EBYS-2026-004512__${PETITION}`));
    const itemId = documentKey(readFileSync(join(dir, PETITION))).itemId;
    const stored = await waitFor('the petition recorded', () => sink.get(itemId), 120_000, 200);
    assert.equal(stored.decision.document?.registryNumber, 'EBYS-2026-004512');
    assert.equal(stored.kind, 'crm');
    assert.ok(stored.applicationNumber !== null);
    assert.deepEqual(readdirSync(drop), ['done']);
  });

  it('records nothing new when the same documents come again', async () => {
    const before = await sink.countByKind();
    for (const name of UPLOADED) assert.equal((await replayDocumentFile(readFileSync(join(dir, name)), target())).status, 202);
    await waitFor('the OCR workers to catch up', async () => ((await consumerLag(brokers, `${id}-ocr`, topics.ocr)) === 0 ? true : null), 120_000, 200);
    await waitFor('the normalizer to catch up', async () => ((await consumerLag(brokers, `${id}-normalizer`, topics.raw)) === 0 ? true : null), 60_000, 200);
    assert.deepEqual(await sink.countByKind(), before);
  });
});
