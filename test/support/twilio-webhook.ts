/**
 * The Twilio connector running on a loopback port, as the daemon starts it, with a recording
 * publisher in place of Kafka and a memory logger; requests are posted to it signed as Twilio
 * signs them (twilio-signer.ts), over the public URL unless told otherwise. An MMS becomes a job on
 * the media topic (`MEDIA_TOPIC`), not a raw item: a test that wants the item runs the media
 * workers on a MemoryBus the publisher feeds.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTwilioConnector, type TwilioConnector } from '../../connectors/twilio/index.js';
import { SMS_PATH } from '../../connectors/twilio/server.js';
import type { TwilioSettings } from '../../connectors/twilio/settings.js';
import { folderBlobStore, type BlobStore } from '../../runtime/blob-store.js';
import { loadConfig } from '../../runtime/config.js';
import type { CaptureMetrics } from '../../runtime/metrics-ports.js';
import { createReadiness } from '../../runtime/readiness.js';
import type { MediaJob, RawItem } from '../../schemas/types.generated.js';
import { memoryLogger } from './memory-logger.js';
import { RecordingPublisher } from './recording-publisher.js';
import { formBody, testAccountSid, testAuthToken, twilioSignatureOf, type TwilioParams } from './twilio-signer.js';

export const publicBaseUrl = 'https://intake.example.com';
export const MEDIA_TOPIC = 'media';

export interface PostOptions {
  /** Signs with this token instead of the account's. */
  token?: string;
  /** Signs over this URL instead of the public one. */
  signedUrl?: string;
  /** Sends no X-Twilio-Signature. */
  unsigned?: boolean;
  /** Posts this body instead of the encoded parameters (the signature still covers `params`). */
  body?: string;
  headers?: Record<string, string>;
}

export interface RunningWebhook {
  endpoint: string;
  connector: TwilioConnector;
  publisher: RecordingPublisher;
  blobStore: BlobStore;
  logs: () => string;
  post(params: TwilioParams, options?: PostOptions): Promise<Response>;
  /** The raw items published, in order. */
  items(): RawItem[];
  /** The media jobs published, in order. */
  jobs(): MediaJob[];
  close(): Promise<void>;
}

/** The connector's settings: enabled, on a free port, with the test account, and `overrides`. */
export function twilioSettings(overrides: Partial<TwilioSettings> = {}): TwilioSettings {
  const config = loadConfig({ env: { INTAKE_TWILIO_PUBLIC_BASE_URL: publicBaseUrl, INTAKE_TWILIO_ACCOUNT_SID: testAccountSid, INTAKE_TWILIO_AUTH_TOKEN: testAuthToken } }).connectors.twilio;
  return { ...config, enabled: true, port: 0, ...overrides };
}

export async function startTwilioWebhook(overrides: Partial<TwilioSettings> = {}, options: { publisher?: RecordingPublisher; blobStore?: BlobStore; metrics?: CaptureMetrics } = {}): Promise<RunningWebhook> {
  const settings = twilioSettings(overrides);
  const publisher = options.publisher ?? new RecordingPublisher();
  const memory = memoryLogger();
  const blobDir = await mkdtemp(join(tmpdir(), 'intake-twilio-'));
  const blobStore = options.blobStore ?? folderBlobStore(blobDir);
  const connector = createTwilioConnector(settings, {
    publisher, rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', mediaTopic: MEDIA_TOPIC, blobStore,
    logger: memory.logger, now: () => new Date('2026-12-01T09:30:00Z'), readiness: createReadiness(), metrics: options.metrics,
  });
  await connector.start();
  const endpoint = connector.endpoint?.() ?? '';
  return {
    endpoint, connector, publisher, blobStore, logs: memory.lines,
    post(params, post = {}) {
      const url = post.signedUrl ?? `${settings.publicBaseUrl ?? ''}${SMS_PATH}`;
      const signature = twilioSignatureOf(post.token ?? testAuthToken, url, params);
      return fetch(`${endpoint}${SMS_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...(post.unsigned ? {} : { 'x-twilio-signature': signature }), ...post.headers },
        body: post.body ?? formBody(params),
      });
    },
    items: () => publisher.published.filter((p) => p.topic === 'raw').map((p) => JSON.parse(String(p.message.value)) as RawItem),
    jobs: () => publisher.published.filter((p) => p.topic === MEDIA_TOPIC).map((p) => JSON.parse(String(p.message.value)) as MediaJob),
    async close() {
      await connector.stop();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}
