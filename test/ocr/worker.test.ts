/**
 * The OCR workers with an in-memory bus (jobs in, offsets committed), a recording publisher (raw
 * items and alerts out, Kafka's acknowledgement under the test's control) and a stand-in engine:
 * what each reading becomes, and that nothing is committed before its raw item is in Kafka. The
 * real engine reads the scan fixtures in test/fixtures/scans-fixtures.test.ts.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentJob } from '../../connectors/documents/document-job.js';
import { startOcr, type OcrHandle } from '../../ocr/index.js';
import type { DocumentReading, OcrEngine } from '../../ocr/engine/index.js';
import { folderBlobStore, type BlobStore } from '../../runtime/blob-store.js';
import { loadConfig } from '../../runtime/config.js';
import { createMetrics } from '../../runtime/metrics.js';
import { createReadiness } from '../../runtime/readiness.js';
import { parseExposition, sampleValue } from '../support/prometheus-text.js';
import type { EmergencyAlert, OcrJob, RawItem } from '../../schemas/types.generated.js';
import { MemoryBus } from '../support/memory-bus.js';
import { memoryLogger } from '../support/memory-logger.js';
import { enqueueJobs, onlyPublishedItem, publishedItems } from '../support/job-queue.js';
import { RecordingPublisher } from '../support/recording-publisher.js';

const TOPICS = { ocr: 'ocr', raw: 'raw', emergency: 'emergency', deadLetter: 'dead-letter' };
const GROUP = 'intake-ocr';
const LETTER = 'Adı Soyadı: Ayşe Yılmaz\nT.C. Kimlik No: 70226422252\nFaturam çok yüksek geldi.';

/** An engine that answers what the test says, and counts its calls. */
class StubEngine implements OcrEngine {
  calls = 0;
  terminated = false;
  constructor(public answer: (bytes: Buffer) => Promise<DocumentReading>) {}
  read(bytes: Buffer): Promise<DocumentReading> {
    this.calls += 1;
    return this.answer(bytes);
  }
  terminate(): Promise<void> {
    this.terminated = true;
    return Promise.resolve();
  }
}

const readAs = (text: string, confidence = 0.91): DocumentReading => ({ ok: true, format: 'tiff', pages: [{ page: 1, text, confidence, source: 'ocr' }], text, confidence, read: 'ocr' });

describe('OCR workers', () => {
  let bus: MemoryBus;
  let publisher: RecordingPublisher;
  let dir: string;
  let blobStore: BlobStore;
  let engine: StubEngine;
  let worker: OcrHandle | null;
  let logs: () => string;

  beforeEach(async () => {
    bus = new MemoryBus();
    publisher = new RecordingPublisher();
    dir = await mkdtemp(join(tmpdir(), 'intake-ocr-'));
    blobStore = folderBlobStore(dir);
    engine = new StubEngine(() => Promise.resolve(readAs(LETTER)));
    worker = null;
  });
  afterEach(async () => {
    await worker?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (): Promise<void> => {
    const memory = memoryLogger();
    logs = memory.lines;
    const config = { ...loadConfig({}).ocr, retry: { attempts: 2, initialMs: 5, maxMs: 20 } };
    worker = await startOcr(config, { bus, topics: TOPICS, blobStore, logger: memory.logger, now: () => new Date('2026-12-01T09:31:00Z'), readiness: createReadiness(), publisher, engine });
  };
  const jobFor = (bytes: Buffer, fields: Partial<OcrJob> = {}): Promise<OcrJob> =>
    documentJob(bytes, { channel: 'fax', connector: 'documents', receivedAt: new Date('2026-12-01T09:30:00Z'), contentType: 'image/tiff', name: 'scan.tif' }, blobStore).then((job) => ({ ...job, ...fields }));
  const enqueue = (...jobs: OcrJob[]): Promise<void> => enqueueJobs(bus, TOPICS.ocr, GROUP, jobs);
  const items = (): RawItem[] => publishedItems(publisher, TOPICS.raw);
  const only = (): RawItem => onlyPublishedItem(publisher, TOPICS.raw);

  it('publishes the raw item with the text read by OCR, its confidence, the reading and the original, then commits', async () => {
    await start();
    const job = await jobFor(Buffer.from('II*\0 a fax'), { registryNumber: 'EBYS-2026-004512' });
    await enqueue(job);
    const item = only();
    assert.deepEqual(item.text, { body: LETTER, source: 'ocr', confidence: 0.91 });
    assert.deepEqual(item.document, { registryNumber: 'EBYS-2026-004512', format: 'tiff', pages: 1, read: 'ocr' });
    assert.deepEqual(item.attachments, [job.document]);
    assert.equal(item.itemId, job.itemId);
    assert.equal(item.channel, 'fax');
    assert.equal(bus.committed(GROUP, TOPICS.ocr), 1);
    assert.doesNotMatch(logs(), /Yılmaz|70226422252|Faturam/);
  });

  it('publishes the gas emergency alert before the raw item, even for an incomplete fax', async () => {
    engine.answer = () => Promise.resolve(readAs('ACİL! Apartmanın girişinde yoğun doğal gaz kokusu var, sızıntı olabilir.'));
    await start();
    await enqueue(await jobFor(Buffer.from('II*\0 leak')));
    assert.deepEqual(publisher.published.map((p) => p.topic), [TOPICS.emergency, TOPICS.raw]);
    const alert = JSON.parse(String(publisher.published[0]?.message.value)) as EmergencyAlert;
    assert.equal(alert.channel, 'fax');
  });

  it('publishes an unreadable document with its reason and no text, to be archived, and commits', async () => {
    engine.answer = () => Promise.resolve({ ok: false, format: 'tiff', pages: 1, reason: 'too-many-pixels' });
    await start();
    await enqueue(await jobFor(Buffer.from('II*\0 bomb')));
    const item = only();
    assert.equal(item.text, undefined);
    assert.deepEqual(item.document, { format: 'tiff', pages: 1, read: 'unreadable', problem: 'too-many-pixels' });
    assert.equal(bus.committed(GROUP, TOPICS.ocr), 1);
  });

  it('archives a document that breaks the engine instead of retrying it forever', async () => {
    engine.answer = () => Promise.reject(new Error('tesseract crashed'));
    await start();
    await enqueue(await jobFor(Buffer.from('II*\0 breaks')));
    assert.equal(only().document?.problem, 'ocr-failed');
    assert.equal(engine.calls, 1);
  });

  it('publishes the document as unreadable when its original is not in the blob store', async () => {
    await start();
    const job = await jobFor(Buffer.from('II*\0 gone'));
    await enqueue({ ...job, document: { ...job.document, ref: `sha256:${'0'.repeat(64)}` } });
    assert.equal(only().document?.problem, 'original-missing');
    assert.equal(engine.calls, 0);
  });

  it('leaves the job uncommitted while Kafka refuses the raw item, and publishes it on redelivery under the same id', async () => {
    publisher.failNext = 2;
    await start();
    const job = await jobFor(Buffer.from('II*\0 retry'));
    await enqueue(job);
    assert.equal(items().length, 1);
    assert.equal(items()[0]?.itemId, job.itemId);
    assert.ok(bus.handlerErrors.length >= 1);
    assert.equal(bus.committed(GROUP, TOPICS.ocr), 1);
  });

  it('sets a job that is not one aside to the dead-letter topic with its bytes and goes on', async () => {
    await start();
    const good = await jobFor(Buffer.from('II*\0 good'));
    bus.append(TOPICS.ocr, [{ key: 'bad', value: '{"schemaVersion":1,"itemId":"nope"}' }, { key: good.itemId, value: JSON.stringify(good) }]);
    await bus.drained(GROUP);
    const dead = publisher.published.filter((p) => p.topic === TOPICS.deadLetter);
    assert.equal(dead.length, 1);
    assert.equal(dead[0]?.message.headers?.['x-error-code'], 'INTAKE_MESSAGE_INVALID');
    assert.equal(items().length, 1);
  });

  it('tells readiness it joined, times each document and counts what it sets aside (metrics)', async () => {
    const readiness = createReadiness();
    const metrics = createMetrics({ processMetrics: false });
    const config = { ...loadConfig({}).ocr, retry: { attempts: 2, initialMs: 5, maxMs: 20 } };
    worker = await startOcr(config, { bus, topics: TOPICS, blobStore, logger: memoryLogger().logger, now: () => new Date('2026-12-01T09:31:00Z'), readiness, publisher, engine, metrics });
    assert.equal(readiness.get('ocr'), 'ready');
    const good = await jobFor(Buffer.from('II*\0 good'));
    bus.append(TOPICS.ocr, [{ key: 'bad', value: 'not a job' }, { key: good.itemId, value: JSON.stringify(good) }]);
    await bus.drained(GROUP);
    const samples = parseExposition(await metrics.scrape());
    assert.equal(sampleValue(samples, 'intake_dead_letters_total', { code: 'INTAKE_MESSAGE_INVALID', stage: 'ocr' }), 1);
    assert.equal(sampleValue(samples, 'intake_stage_duration_seconds_count', { stage: 'ocr' }), 1);
    assert.equal(sampleValue(samples, 'intake_items_captured_total', { channel: 'fax' }), 1);
  });
});
