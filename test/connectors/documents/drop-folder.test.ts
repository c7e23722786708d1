/**
 * The documents connector's drop folders, on a real folder with a recording publisher: a file is
 * published as an OCR job only once it has settled, moved to done/ only after Kafka acknowledged,
 * left in place while Kafka is away, and set aside to failed/ when it is too large.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentsConnector, type DocumentsSettings } from '../../../connectors/documents/index.js';
import type { Connector } from '../../../connectors/types.js';
import { folderBlobStore } from '../../../runtime/blob-store.js';
import { loadConfig } from '../../../runtime/config.js';
import { createReadiness } from '../../../runtime/readiness.js';
import { validateOcrJob } from '../../../runtime/schemas.js';
import type { OcrJob } from '../../../schemas/types.generated.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { waitFor } from '../../support/wait-for.js';

const TOPICS = { raw: 'raw', emergency: 'emergency', deadLetter: 'dead-letter', ocr: 'ocr' };
const pdf = Buffer.from('%PDF-1.4\n% a scanned letter, as far as this test cares\n');
const tiff = Buffer.concat([Buffer.from('49492a00', 'hex'), Buffer.alloc(64, 7)]);
const NOW = new Date('2026-12-01T22:30:00Z');

describe('connectors/documents drop folders', () => {
  let dir: string;
  let inbox: string;
  let publisher: RecordingPublisher;
  let connector: Connector | null;
  let logs: () => string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intake-drop-'));
    inbox = join(dir, 'faxes');
    await mkdir(inbox);
    publisher = new RecordingPublisher();
    connector = null;
  });
  afterEach(async () => {
    await connector?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (overrides: Partial<DocumentsSettings> = {}): Promise<void> => {
    const defaults = loadConfig({}).connectors.documents;
    const config: DocumentsSettings = { ...defaults, enabled: true, folders: [{ path: inbox, channel: 'fax' }], pollMs: 50, settleMs: 0, upload: { ...defaults.upload, enabled: false }, ...overrides };
    const memory = memoryLogger();
    logs = memory.lines;
    connector = createDocumentsConnector(config, {
      publisher, rawTopic: TOPICS.raw, emergencyTopic: TOPICS.emergency, deadLetterTopic: TOPICS.deadLetter, ocrTopic: TOPICS.ocr,
      blobStore: folderBlobStore(join(dir, 'blobs')), logger: memory.logger, now: () => NOW, readiness: createReadiness(),
    });
    await connector.start();
  };
  /** Writes a file as a scanner would, its last change `ageMs` ago. */
  const drop = async (name: string, bytes: Buffer, ageMs = 10_000): Promise<void> => {
    const path = join(inbox, name);
    await writeFile(path, bytes);
    const at = new Date(Date.now() - ageMs);
    await utimes(path, at, at);
  };
  const jobs = (): OcrJob[] => publisher.published.filter((p) => p.topic === TOPICS.ocr).map((p) => JSON.parse(String(p.message.value)) as OcrJob);
  const doneFiles = async (): Promise<string[]> => readdir(join(inbox, 'done', '2026-12-02')).catch(() => []);

  it('publishes a settled file as an OCR job named by its hash, then moves it to done/ under the Istanbul day', async () => {
    await start();
    await drop('EBYS-2026-004512__dilekce.pdf', pdf);
    await waitFor('the file moved to done/', async () => ((await doneFiles()).length === 1 ? true : null), 10_000, 20);
    const [job] = jobs();
    assert.ok(job !== undefined && validateOcrJob(job), JSON.stringify(validateOcrJob.errors));
    const hex = createHash('sha256').update(pdf).digest('hex');
    assert.equal(job.itemId, `document:${hex.slice(0, 32)}`);
    assert.equal(job.sourceRef, `sha256:${hex}`);
    assert.equal(job.channel, 'fax');
    assert.equal(job.registryNumber, 'EBYS-2026-004512');
    assert.deepEqual(job.document, { ref: `sha256:${hex}`, contentType: 'application/pdf', size: pdf.length, name: 'EBYS-2026-004512__dilekce.pdf' });
    assert.equal(publisher.published[0]?.message.key, job.itemId);
    assert.equal(publisher.published[0]?.message.headers?.schema, 'ocr-job/1');
    assert.deepEqual(await readdir(inbox).then((n) => n.filter((x) => x !== 'done').sort()), []);
    assert.doesNotMatch(logs(), /dilekce/);
  });

  it('leaves a file alone while it may still be being written, and never takes hidden or partial files', async () => {
    await start({ settleMs: 60_000 });
    await drop('fresh.tif', tiff, 0);
    await drop('.hidden.tif', tiff);
    await drop('scan.tif.part', tiff);
    await drop('old.tif', tiff, 120_000);
    await waitFor('the settled file taken', async () => ((await doneFiles()).length === 1 ? true : null), 10_000, 20);
    assert.deepEqual(await doneFiles(), ['old.tif']);
    assert.deepEqual((await readdir(inbox)).sort(), ['.hidden.tif', 'done', 'fresh.tif', 'scan.tif.part']);
    assert.equal(jobs().length, 1);
  });

  it('leaves the file in the folder while Kafka refuses it, and takes it once Kafka is back', async () => {
    publisher.failNext = 5;
    await start();
    await drop('a.pdf', pdf);
    await publisher.called(5);
    assert.ok((await readdir(inbox)).includes('a.pdf'));
    assert.equal(jobs().length, 0);
    await waitFor('the file moved to done/ after Kafka came back', async () => ((await doneFiles()).length === 1 ? true : null), 20_000, 50);
    assert.equal(jobs().length, 1);
  });

  it('gives the same scan dropped twice the same item id and keeps both files, never overwriting', async () => {
    await start();
    await drop('a.pdf', pdf);
    await waitFor('the first taken', async () => ((await doneFiles()).length === 1 ? true : null), 10_000, 20);
    await drop('a.pdf', pdf);
    await waitFor('the second taken', async () => ((await doneFiles()).length === 2 ? true : null), 10_000, 20);
    assert.deepEqual((await doneFiles()).sort(), ['a.2.pdf', 'a.pdf']);
    const [first, second] = jobs();
    assert.equal(first?.itemId, second?.itemId);
  });

  it('sets a file over maxFileBytes aside to failed/ with a dead letter, without reading it', async () => {
    await start({ maxFileBytes: 10 });
    await drop('huge.pdf', pdf);
    await waitFor('the file moved to failed/', async () => ((await readdir(join(inbox, 'failed')).catch(() => [])).length === 1 ? true : null), 10_000, 20);
    assert.equal(jobs().length, 0);
    const dead = publisher.published.filter((p) => p.topic === TOPICS.deadLetter);
    assert.equal(dead.length, 1);
    assert.equal(dead[0]?.message.headers?.['x-error-code'], 'INTAKE_REQUEST_TOO_LARGE');
  });

  it('refuses a folder watched twice, naming the key', () => {
    const defaults = loadConfig({}).connectors.documents;
    assert.throws(() => createDocumentsConnector({ ...defaults, enabled: true, folders: [{ path: inbox, channel: 'fax' }, { path: inbox, channel: 'letter' }] }, {
      publisher, rawTopic: 'r', emergencyTopic: 'e', deadLetterTopic: 'd', ocrTopic: 'o', blobStore: folderBlobStore(dir), logger: memoryLogger().logger, now: () => NOW, readiness: createReadiness(),
    }), /connectors\.documents\.folders\[1\]\.path/);
  });
});
