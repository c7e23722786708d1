/**
 * The mail room's upload (POST /v1/documents) on a real server with a recording publisher: the key,
 * the content types, the limits, and the 202 only after Kafka acknowledged the OCR job.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentsConnector, type DocumentsSettings } from '../../../connectors/documents/index.js';
import type { Connector } from '../../../connectors/types.js';
import { folderBlobStore } from '../../../runtime/blob-store.js';
import { loadConfig } from '../../../runtime/config.js';
import { createReadiness } from '../../../runtime/readiness.js';
import type { OcrJob } from '../../../schemas/types.generated.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';

const KEY = 'mailroom-key-0123456789abcdef';
const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 1)]);

describe('connectors/documents upload', () => {
  let dir: string;
  let publisher: RecordingPublisher;
  let connector: Connector;
  let endpoint: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intake-upload-'));
    publisher = new RecordingPublisher();
    const defaults = loadConfig({}).connectors.documents;
    const config: DocumentsSettings = { ...defaults, enabled: true, maxFileBytes: 4096, upload: { ...defaults.upload, port: 0, apiKeys: { 'mail-room': KEY } } };
    connector = createDocumentsConnector(config, {
      publisher, rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', ocrTopic: 'ocr',
      blobStore: folderBlobStore(join(dir, 'blobs')), logger: memoryLogger().logger, now: () => new Date('2026-12-01T09:00:00Z'), readiness: createReadiness(),
    });
    await connector.start();
    endpoint = connector.endpoint?.() ?? '';
  });
  afterEach(async () => {
    await connector.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const upload = (query: string, body: Buffer, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${endpoint}/v1/documents${query}`, { method: 'POST', headers: { 'content-type': 'image/png', 'x-api-key': KEY, ...headers }, body: new Uint8Array(body) });
  const jobs = (): OcrJob[] => publisher.published.filter((p) => p.topic === 'ocr').map((p) => JSON.parse(String(p.message.value)) as OcrJob);

  it('answers 202 with the item id once the OCR job is in Kafka, with the registry number', async () => {
    const response = await upload('?channel=letter&registryNumber=EBYS-2026-004512', png);
    assert.equal(response.status, 202);
    const itemId = `document:${createHash('sha256').update(png).digest('hex').slice(0, 32)}`;
    assert.deepEqual(await response.json(), { itemId, status: 'accepted' });
    const [job] = jobs();
    assert.equal(job?.itemId, itemId);
    assert.equal(job?.channel, 'letter');
    assert.equal(job?.registryNumber, 'EBYS-2026-004512');
    assert.equal(job?.document.contentType, 'image/png');
  });

  it('tells the type by the first bytes when the mail room sends application/octet-stream', async () => {
    assert.equal((await upload('?channel=fax', png, { 'content-type': 'application/octet-stream' })).status, 202);
    assert.equal(jobs()[0]?.document.contentType, 'image/png');
  });

  it('refuses without a mail-room key (401), another type (415), a bad channel or registry number (400), too large (413), an empty file (400)', async () => {
    assert.equal((await upload('?channel=fax', png, { 'x-api-key': 'not-the-key-0123456789' })).status, 401);
    assert.equal((await fetch(`${endpoint}/v1/documents?channel=fax`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: new Uint8Array(png) })).status, 401);
    assert.equal((await upload('?channel=fax', png, { 'content-type': 'text/plain' })).status, 415);
    const bad = await upload('?channel=email&registryNumber=%3Cscript%3E', png);
    assert.equal(bad.status, 400);
    assert.deepEqual(((await bad.json()) as { error: { fields: { path: string }[] } }).error.fields.map((f) => f.path), ['channel', 'registryNumber']);
    assert.equal((await upload('?channel=fax', Buffer.alloc(5000, 1))).status, 413);
    assert.equal((await upload('?channel=fax', Buffer.alloc(0))).status, 400);
    assert.equal(jobs().length, 0);
  });

  it('answers 503 with Retry-After when Kafka does not take the job, and 202 for the same file after', async () => {
    publisher.failNext = 1;
    const refused = await upload('?channel=fax', png);
    assert.equal(refused.status, 503);
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.equal(jobs().length, 0);
    assert.equal((await upload('?channel=fax', png)).status, 202);
    assert.equal(jobs().length, 1);
  });
});
