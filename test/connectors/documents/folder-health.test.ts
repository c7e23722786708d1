/** A drop folder's `/readyz` stage: ready once read, failed while it cannot be. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDocumentsConnector, type DocumentsSettings } from '../../../connectors/documents/index.js';
import type { Connector } from '../../../connectors/types.js';
import { keepNothingBlobStore } from '../../../runtime/blob-store.js';
import { loadConfig } from '../../../runtime/config.js';
import { createReadiness, type Readiness } from '../../../runtime/readiness.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { waitFor } from '../../support/wait-for.js';

describe('documents connector health', () => {
  let dir: string;
  let readiness: Readiness;
  let connector: Connector | null = null;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'intake-folder-health-'));
    readiness = createReadiness();
  });
  afterEach(async () => {
    await connector?.stop();
    connector = null;
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (paths: string[]): Promise<void> => {
    const defaults = loadConfig({}).connectors.documents;
    const config: DocumentsSettings = { ...defaults, enabled: true, folders: paths.map((path) => ({ path, channel: 'fax' as const })), pollMs: 50, settleMs: 0, upload: { ...defaults.upload, enabled: false } };
    connector = createDocumentsConnector(config, {
      publisher: new RecordingPublisher(), rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', ocrTopic: 'ocr',
      blobStore: keepNothingBlobStore(), logger: memoryLogger().logger, now: () => new Date(), readiness,
    });
    await connector.start();
  };

  it('names each folder by its place in the configuration: ready when readable, failed when not', async () => {
    const notAFolder = join(dir, 'Ayse Yilmaz dilekce.pdf');
    await writeFile(notAFolder, 'not a folder');
    await start([dir, notAFolder]);
    await waitFor('both folders looked at', async () => (readiness.get('capture:documents:folder-0') === 'ready' && readiness.get('capture:documents:folder-1') === 'failed' ? true : null), 10_000, 20);
    assert.ok(Object.keys(readiness.snapshot()).every((stage) => !stage.includes('Ayse')), 'no path in a stage name');
  });
});
