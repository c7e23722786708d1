/**
 * The Twilio connector's media workers as the daemon starts them, on a MemoryBus (jobs in, offsets
 * committed) with a recording publisher (raw items out, Kafka's acknowledgement under the test's
 * control) and a memory logger. The webhook's recording publisher can feed the same bus
 * (`new RecordingPublisher(bus)`), so an MMS posted to it goes all the way to its raw item.
 */
import { startMediaWorkers, type MediaSettings, type MediaWorkerHandle } from '../../connectors/twilio/media-worker.js';
import type { BlobStore } from '../../runtime/blob-store.js';
import { loadConfig } from '../../runtime/config.js';
import { createReadiness } from '../../runtime/readiness.js';
import type { RawItem } from '../../schemas/types.generated.js';
import type { MemoryBus } from './memory-bus.js';
import { memoryLogger } from './memory-logger.js';
import type { RecordingPublisher } from './recording-publisher.js';
import { testAccountSid, testAuthToken } from './twilio-signer.js';
import { MEDIA_TOPIC } from './twilio-webhook.js';

export const MEDIA_TOPICS = { media: MEDIA_TOPIC, raw: 'raw', emergency: 'emergency', deadLetter: 'dead-letter' } as const;

export interface RunningMediaWorkers {
  handle: MediaWorkerHandle;
  settings: MediaSettings;
  logs: () => string;
  /** The raw items the workers published, in order. */
  items(): RawItem[];
  /** Resolves once every job on the media topic is handled and committed. */
  drained(): Promise<void>;
  stop(): Promise<void>;
}

/** The media settings for tests: quick backoff, short attempts, `overrides` on top of the defaults. */
export function mediaSettings(overrides: Partial<MediaSettings> = {}): MediaSettings {
  const defaults = loadConfig({}).connectors.twilio.media;
  return { ...defaults, timeoutMs: 2000, attempts: 3, maxBytes: 1024 * 1024, retry: { attempts: 2, initialMs: 5, maxMs: 20 }, ...overrides };
}

export async function startTestMediaWorkers(o: { bus: MemoryBus; publisher: RecordingPublisher; blobStore: BlobStore; settings?: Partial<MediaSettings>; authToken?: string }): Promise<RunningMediaWorkers> {
  const settings = mediaSettings(o.settings);
  const memory = memoryLogger();
  const handle = await startMediaWorkers(settings, {
    bus: o.bus, topics: MEDIA_TOPICS, blobStore: o.blobStore, logger: memory.logger, now: () => new Date('2026-12-01T09:30:05Z'), readiness: createReadiness(),
    account: { accountSid: testAccountSid, authToken: o.authToken ?? testAuthToken }, publisher: o.publisher,
  });
  return {
    handle, settings, logs: memory.lines,
    items: () => o.publisher.published.filter((p) => p.topic === MEDIA_TOPICS.raw).map((p) => JSON.parse(String(p.message.value)) as RawItem),
    drained: () => o.bus.drained(settings.consumerGroup),
    stop: () => handle.stop(),
  };
}
