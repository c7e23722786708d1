/**
 * The documents connector: scanned faxes and letters (PIPELINE.md's pull shape for drop folders,
 * its push shape for the mail room's upload). Capture only stores and publishes: each document
 * goes to the OCR topic as a job, and the OCR workers (ocr/) read it.
 */
import type { DocumentsConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import { IntakeError } from '../../runtime/errors.js';
import { listenOn } from '../../runtime/http-listen.js';
import { DEFAULT_OCR_SETTINGS } from '../../ocr/engine/index.js';
import { startPullLoop, type PullLoop } from '../pull-source.js';
import type { Connector, ConnectorDefinition, ConnectorDeps } from '../types.js';
import { documentCapture } from './capture.js';
import { folderSource } from './folder-source.js';
import { readDocumentFile } from './read-document.js';
import { replayDocumentFile } from './replay.js';
import { buildUploadApp, UPLOAD_PATH } from './upload-server.js';

export type DocumentsSettings = Defaulted<DocumentsConfig>;

/** What the connector needs beyond every connector's deps: the topic OCR jobs go to (`kafka.topics.ocr`). */
export interface DocumentsDeps extends ConnectorDeps {
  ocrTopic?: string;
}

/** @throws IntakeError INTAKE_CONFIG_INVALID naming the key */
export function createDocumentsConnector(config: DocumentsSettings, deps: DocumentsDeps): Connector {
  const ocrTopic = deps.ocrTopic;
  if (ocrTopic === undefined) throw new IntakeError('INTAKE_CONFIG_INVALID', 'kafka.topics.ocr: the documents connector needs the OCR topic');
  const seen = new Set<string>();
  for (const [i, folder] of config.folders.entries()) {
    if (seen.has(folder.path)) throw new IntakeError('INTAKE_CONFIG_INVALID', `connectors.documents.folders[${i}].path: the same folder is watched twice`);
    seen.add(folder.path);
  }
  const capture = documentCapture({ ...deps, ocrTopic }, config.maxFileBytes);
  const log = deps.logger.child({ component: 'documents' });
  const app = config.upload.enabled ? buildUploadApp({ ...config.upload, maxFileBytes: config.maxFileBytes }, capture, log) : null;
  let loops: PullLoop[] = [];
  let endpoint: string | null = null;
  return {
    id: 'documents',
    async start() {
      loops = config.folders.map((folder, i) => {
        // By its place in the configuration: a folder's path may name a person.
        const stage = `capture:documents:folder-${i}` as const;
        deps.readiness.set(stage, 'starting');
        return startPullLoop({
          source: folderSource({ path: folder.path, channel: folder.channel, pollMs: config.pollMs, settleMs: config.settleMs, batchSize: config.batchSize, now: deps.now }),
          handle: (file) => capture.dropped(file),
          publishAttempts: 5,
          maxBackoffMs: 30_000,
          onError: (phase, error) => log.warn({ folder: i, phase, code: error instanceof IntakeError ? error.code : (error as { code?: string } | null)?.code ?? 'Error' }, 'drop folder trouble'),
          onSourceState: (state) => deps.readiness.set(stage, state),
        });
      });
      if (app !== null) {
        endpoint = await listenOn(app, config.upload, { name: 'document upload', settings: 'connectors.documents.upload.port (INTAKE_DOCUMENTS_PORT)' });
        if (Object.keys(config.upload.apiKeys).length === 0) log.warn({ path: UPLOAD_PATH }, 'no mail-room API key (INTAKE_MAILROOM_API_KEYS): every upload is refused');
      }
      log.info({ folders: config.folders.length, endpoint }, 'taking documents');
    },
    endpoint: () => endpoint,
    async stop() {
      await app?.close();
      config.folders.forEach((_, i) => deps.readiness.set(`capture:documents:folder-${i}`, 'stopping'));
      await Promise.all(loops.map((l) => l.stop()));
    },
  };
}

export const documentsConnector: ConnectorDefinition<DocumentsSettings> = {
  id: 'documents',
  configSchemaId: 'documents-config.schema.json',
  channels: ['fax', 'letter'],
  fixtureExtensions: ['.pdf', '.tif', '.tiff', '.png', '.jpg', '.jpeg'],
  async read(file, options) {
    const channel = options.channel === 'fax' ? 'fax' : 'letter';
    return { ok: true, item: await readDocumentFile(file, { channel, receivedAt: options.receivedAt, ocr: DEFAULT_OCR_SETTINGS }) };
  },
  replay: replayDocumentFile,
  create: createDocumentsConnector,
};
