/**
 * Voicemail on the utility's number: the call, its end, and the two callbacks about its recording.
 * Every request is checked like an SMS (415, 413, 403 for a missing or wrong signature, over the
 * public URL with its query), then:
 * - POST /v1/twilio/voice: the incoming call. 200 with TwiML (voice-twiml.ts): the Turkish
 *   greeting, `<Record>` whose status callback URL carries the caller sealed (caller-token.ts).
 * - POST /v1/twilio/voice/recorded: `<Record action>`, once the caller is done. 200 with a goodbye.
 * - POST /v1/twilio/voice/recording: the recording-status callback. For a completed recording
 *   the audio is fetched into the blob store (recording.ts) and the job published to the
 *   transcription topic; for an absent one (too short, silent) a job without audio is published,
 *   so that the call is still recorded. 204 only after Kafka acknowledged; 503 with Retry-After
 *   when it cannot. With Twilio's transcription on too: a transcription callback may never come,
 *   so the job goes now and Twilio's transcriber asks Twilio's API for the text when it has none.
 * - POST /v1/twilio/voice/transcription: Twilio's transcription callback, used only with
 *   `voice.twilioTranscription`: as the recording callback, with TranscriptionText in the job.
 *   It is the same item: whichever job is heard first makes the raw item, the other is a repeat.
 * A retry of a callback is the same item (its id comes from the RecordingSid) and gets the same
 * answer without fetching the recording again.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IntakeError, isRetriable } from '../../runtime/errors.js';
import type { Logger } from '../../runtime/logger.js';
import type { ConnectorDeps } from '../types.js';
import { AnsweredMessages } from './answered-messages.js';
import { CALLER_PARAM, openCaller, sealCaller } from './caller-token.js';
import type { FormParams } from './form-params.js';
import { voicemailKey } from './item-id.js';
import { storeRecording, type RecordingState } from './recording.js';
import { sendError } from '../send-error.js';
import type { TwilioAccount, TwilioSettings } from './settings.js';
import { signedUrl } from './signature.js';
import { readIncomingCall, readRecordingCallback, type RecordingCallback } from './voice-callback.js';
import { greetingTwiml, goodbyeTwiml, type VoicePrompts } from './voice-twiml.js';
import { JOB_SCHEMA_HEADER, recordingNotKept, voicemailJob } from './voicemail-job.js';

export const VOICE_PATH = '/v1/twilio/voice';
export const VOICE_RECORDED_PATH = '/v1/twilio/voice/recorded';
export const VOICE_RECORDING_PATH = '/v1/twilio/voice/recording';
export const VOICE_TRANSCRIPTION_PATH = '/v1/twilio/voice/transcription';

export interface VoiceStats {
  /** Calls answered with the greeting. */
  calls: number;
  /** Voicemail jobs published (retries answered from memory not counted). */
  voicemails: number;
  recordingsFetched: number;
  recordingsUnfetched: number;
}

interface Published { itemId: string; recording: RecordingState['status'] }

export interface VoiceRouteContext {
  config: TwilioSettings;
  account: TwilioAccount;
  deps: ConnectorDeps & { transcriptionTopic: string };
  log: Logger;
  stats: VoiceStats;
  signedParams(request: FastifyRequest, reply: FastifyReply): FormParams | null;
}

function twiml(reply: FastifyReply, body: string): FastifyReply {
  return reply.code(200).type('text/xml; charset=utf-8').send(body);
}

/** The query parameter's value as sent (Fastify's parser would also accept it twice). */
function queryParam(request: FastifyRequest, name: string): string | undefined {
  const query = request.url.indexOf('?');
  if (query < 0) return undefined;
  return new URLSearchParams(request.url.slice(query + 1)).get(name) ?? undefined;
}

export function registerVoiceRoutes(app: FastifyInstance, c: VoiceRouteContext): void {
  const { config, account, deps, log, stats } = c;
  const voice = config.voice;
  const prompts: VoicePrompts = voice;
  const answered = new AnsweredMessages<Published>();
  const url = (path: string): string => signedUrl(account.publicBaseUrl, path);

  app.post(VOICE_PATH, async (request, reply) => {
    const params = c.signedParams(request, reply);
    if (params === null) return reply;
    const reading = readIncomingCall(params);
    if (!reading.ok) {
      log.info({ status: 400, fields: reading.errors.map((e) => e.path) }, 'call refused');
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the call cannot be read', reading.errors);
    }
    const { callSid, from } = reading.value;
    const caller = from === null ? '' : `?${CALLER_PARAM}=${sealCaller(account.authToken, callSid, from)}`;
    stats.calls += 1;
    log.info({ callSid, callerKnown: from !== null, status: 200 }, 'call answered');
    return twiml(reply, greetingTwiml(prompts, { action: url(VOICE_RECORDED_PATH), recordingStatusCallback: `${url(VOICE_RECORDING_PATH)}${caller}`, transcribeCallback: url(VOICE_TRANSCRIPTION_PATH) }));
  });

  app.post(VOICE_RECORDED_PATH, async (request, reply) => {
    const params = c.signedParams(request, reply);
    if (params === null) return reply;
    return twiml(reply, goodbyeTwiml(prompts));
  });

  const capture = async (callback: RecordingCallback, sender: string | null, receivedAt: Date): Promise<Published> => {
    const itemId = voicemailKey({ recordingSid: callback.recordingSid, callSid: callback.callSid }).itemId;
    const recording = callback.recordingStatus === 'completed' && callback.recordingUrl !== null
      ? await storeRecording(callback.recordingUrl, {
        settings: { ...voice.recording, origins: config.media.origins },
        credentials: { user: account.accountSid, password: account.authToken },
        blobStore: deps.blobStore,
      })
      : recordingNotKept(callback);
    if (recording.status === 'stored') stats.recordingsFetched += 1;
    if (recording.status === 'unfetched') {
      stats.recordingsUnfetched += 1;
      log.warn({ code: 'INTAKE_MEDIA_UNAVAILABLE', itemId, reason: recording.reason }, 'recording not fetched; the voicemail goes on with a note in its place');
    }
    const job = voicemailJob(callback, { receivedAt, sender, recording });
    await deps.publisher.publish(deps.transcriptionTopic, [{ key: job.itemId, value: JSON.stringify(job), headers: { 'content-type': 'application/json', schema: JOB_SCHEMA_HEADER, channel: 'voicemail' } }]);
    return { itemId, recording: recording.status };
  };

  const accept = async (reply: FastifyReply, kind: 'recording' | 'transcription', callback: RecordingCallback, sender: string | null): Promise<FastifyReply> => {
    const started = process.hrtime.bigint();
    const receivedAt = deps.now();
    const key = `${kind}:${callback.recordingSid ?? callback.callSid}`;
    const { replayed, captured } = answered.capture(key, receivedAt.getTime(), () => capture(callback, sender, receivedAt));
    let published: Published;
    try {
      published = await captured;
    } catch (error) {
      if (!isRetriable(error)) {
        log.error({ err: { code: error instanceof IntakeError ? error.code : undefined, name: (error as Error | null)?.name } }, 'bug while capturing a voicemail');
        return sendError(reply, 500, 'INTAKE_INTERNAL', 'internal error');
      }
      log.warn({ code: error instanceof IntakeError ? error.code : 'INTAKE_KAFKA_UNAVAILABLE', callSid: callback.callSid }, 'voicemail job not published; answered 503');
      return sendError(reply.header('retry-after', '5'), 503, 'INTAKE_KAFKA_UNAVAILABLE', 'the voicemail could not be stored just now; please retry');
    }
    if (!replayed) stats.voicemails += 1;
    log.info({ itemId: published.itemId, callSid: callback.callSid, via: kind, recording: published.recording, callerKnown: sender !== null, replayed, status: 204, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'voicemail accepted');
    return reply.code(204).send();
  };

  app.post(VOICE_RECORDING_PATH, async (request, reply) => {
    const params = c.signedParams(request, reply);
    if (params === null) return reply;
    const reading = readRecordingCallback(params, { transcription: false });
    if (!reading.ok) {
      log.info({ status: 400, fields: reading.errors.map((e) => e.path) }, 'recording callback refused');
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the recording callback cannot be read', reading.errors);
    }
    const callback = reading.value;
    if (callback.recordingStatus === 'in-progress') return reply.code(204).send();
    const token = queryParam(request, CALLER_PARAM);
    const sender = openCaller(account.authToken, callback.callSid, token);
    if (sender === null) log.warn({ callSid: callback.callSid, reason: token === undefined ? 'no-caller-token' : 'caller-token-unreadable' }, 'caller unknown; the voicemail goes on without a number');
    return accept(reply, 'recording', callback, sender);
  });

  app.post(VOICE_TRANSCRIPTION_PATH, async (request, reply) => {
    const params = c.signedParams(request, reply);
    if (params === null) return reply;
    if (!voice.twilioTranscription) {
      log.info({ status: 204 }, 'transcription callback not asked for; ignored');
      return reply.code(204).send();
    }
    const reading = readRecordingCallback(params, { transcription: true });
    if (!reading.ok) {
      log.info({ status: 400, fields: reading.errors.map((e) => e.path) }, 'transcription callback refused');
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the transcription callback cannot be read', reading.errors);
    }
    return accept(reply, 'transcription', reading.value, reading.value.from);
  });
}
