/**
 * The Twilio connector with its voice routes, on a loopback port, as the daemon starts it (with the
 * transcription topic), a recording publisher in place of Kafka; and Twilio's voice requests as it
 * sends them: the incoming call, the recording-status callback at the URL the TwiML named (its
 * sealed caller included), the transcription callback, each signed as Twilio signs (twilio-signer.ts)
 * over the public URL.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTwilioConnector, type TwilioConnector } from '../../connectors/twilio/index.js';
import type { TwilioSettings } from '../../connectors/twilio/settings.js';
import { folderBlobStore, type BlobStore } from '../../runtime/blob-store.js';
import { createReadiness } from '../../runtime/readiness.js';
import type { TranscriptionJob } from '../../schemas/types.generated.js';
import { memoryLogger } from './memory-logger.js';
import { RecordingPublisher } from './recording-publisher.js';
import { parseTwiml, type XmlElement } from './twiml-parse.js';
import { formBody, testAccountSid, testAuthToken, twilioSignatureOf, type TwilioParams } from './twilio-signer.js';
import { MEDIA_TOPIC, publicBaseUrl, twilioSettings, type PostOptions } from './twilio-webhook.js';

export const TRANSCRIPTION_TOPIC = 'transcription';

let counter = 0;
function sid(prefix: 'CA' | 'RE'): string {
  counter += 1;
  return `${prefix}${counter.toString(16).padStart(8, '0')}${'5ca1ab1e'.repeat(3)}`;
}
export const callSid = (): string => sid('CA');
export const recordingSid = (): string => sid('RE');

/** An incoming call as Twilio posts it to the voice webhook. */
export function incomingCall(fields: Partial<TwilioParams> = {}): TwilioParams {
  const base: TwilioParams = {
    AccountSid: testAccountSid, ApiVersion: '2010-04-01', CallSid: callSid(), CallStatus: 'ringing', Direction: 'inbound',
    From: '+905321234567', Caller: '+905321234567', FromCountry: 'TR', FromCity: '', To: '+908502220153', Called: '+908502220153', ToCountry: 'TR',
  };
  return { ...base, ...Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)) };
}

/** A recording-status callback as Twilio posts it (no From: Twilio does not send it here). */
export function recordingStatus(fields: Partial<TwilioParams> & { CallSid: string; RecordingSid: string; RecordingUrl: string }): TwilioParams {
  const base: TwilioParams = {
    AccountSid: testAccountSid, RecordingStatus: 'completed', RecordingDuration: '14', RecordingChannels: '1',
    RecordingStartTime: 'Tue, 01 Dec 2026 09:29:40 +0000', RecordingSource: 'RecordVerb', RecordingTrack: 'inbound', ErrorCode: '0',
  };
  return { ...base, ...Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)) };
}

/** Twilio's transcription callback, with the call's usual fields. */
export function transcriptionCallback(fields: Partial<TwilioParams> & { CallSid: string; RecordingSid: string; RecordingUrl: string }): TwilioParams {
  const base: TwilioParams = {
    AccountSid: testAccountSid, ApiVersion: '2010-04-01', CallStatus: 'completed', Direction: 'inbound', From: '+905321234567', To: '+908502220153',
    TranscriptionSid: `TR${'0'.repeat(24)}deadbeef`, TranscriptionStatus: 'completed', TranscriptionText: '', TranscriptionType: 'fast',
    TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${testAccountSid}/Transcriptions/TR${'0'.repeat(24)}deadbeef`, url: '',
  };
  return { ...base, ...Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined)) };
}

export interface AnsweredCall {
  status: number;
  xml: string;
  response: XmlElement;
  /** The public URL Twilio is told to post the recording-status callback to, sealed caller included. */
  recordingCallbackUrl: string;
}

export interface RunningVoice {
  endpoint: string;
  connector: TwilioConnector;
  publisher: RecordingPublisher;
  blobStore: BlobStore;
  logs: () => string;
  /** Posts to `publicUrl`'s path (and query) on the local endpoint, signed over `publicUrl` unless told otherwise. */
  post(publicUrl: string, params: TwilioParams, options?: PostOptions): Promise<Response>;
  /** Posts an incoming call and reads the TwiML answer. */
  call(params: TwilioParams): Promise<AnsweredCall>;
  jobs(): TranscriptionJob[];
  close(): Promise<void>;
}

export function voiceUrl(path: string): string {
  return `${publicBaseUrl}${path}`;
}

export async function startTwilioVoice(overrides: Partial<TwilioSettings> = {}, options: { publisher?: RecordingPublisher; blobStore?: BlobStore } = {}): Promise<RunningVoice> {
  const settings = twilioSettings(overrides);
  const publisher = options.publisher ?? new RecordingPublisher();
  const memory = memoryLogger();
  const blobDir = await mkdtemp(join(tmpdir(), 'intake-voice-'));
  const blobStore = options.blobStore ?? folderBlobStore(blobDir);
  const connector = createTwilioConnector(settings, {
    publisher, rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', mediaTopic: MEDIA_TOPIC, transcriptionTopic: TRANSCRIPTION_TOPIC, blobStore,
    logger: memory.logger, now: () => new Date('2026-12-01T09:30:00Z'), readiness: createReadiness(),
  });
  await connector.start();
  const endpoint = connector.endpoint?.() ?? '';
  const base = settings.publicBaseUrl ?? publicBaseUrl;
  const post = (publicUrl: string, params: TwilioParams, o: PostOptions = {}): Promise<Response> => {
    if (!publicUrl.startsWith(base)) throw new Error(`${publicUrl} is not under ${base}`);
    const signature = twilioSignatureOf(o.token ?? testAuthToken, o.signedUrl ?? publicUrl, params);
    return fetch(`${endpoint}${new URL(publicUrl).pathname.slice(new URL(base).pathname.replace(/\/$/, '').length)}${new URL(publicUrl).search}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(o.unsigned ? {} : { 'x-twilio-signature': signature }), ...o.headers },
      body: o.body ?? formBody(params),
    });
  };
  return {
    endpoint, connector, publisher, blobStore, logs: memory.lines, post,
    async call(params) {
      const response = await post(`${base.replace(/\/$/, '')}/v1/twilio/voice`, params);
      const xml = await response.text();
      if (response.status !== 200) return { status: response.status, xml, response: { name: '', attributes: {}, children: [], text: '' }, recordingCallbackUrl: '' };
      const parsed = parseTwiml(xml);
      const record = parsed.children.find((c) => c.name === 'Record');
      return { status: response.status, xml, response: parsed, recordingCallbackUrl: record?.attributes.recordingStatusCallback ?? '' };
    },
    jobs: () => publisher.published.filter((p) => p.topic === TRANSCRIPTION_TOPIC).map((p) => JSON.parse(String(p.message.value)) as TranscriptionJob),
    async close() {
      await connector.stop();
      await rm(blobDir, { recursive: true, force: true });
    },
  };
}
