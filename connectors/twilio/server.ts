/**
 * POST /v1/twilio/sms: Twilio's inbound-message webhook. In order:
 * - 415 for a body that is not a UTF-8 form, 413 over `bodyLimitBytes`;
 * - 403 when X-Twilio-Signature is missing or does not match (counted, and logged with the running
 *   count and whether the signature fits the URL the request reached instead, the mark of a wrong
 *   `publicBaseUrl`; never the sender or the text); nothing is written;
 * - 400 for a signed request without MessageSid or From;
 * - a message without media: the item published, the emergency alert first; a message with media
 *   (an MMS): its text screened and the emergency alert published at once, then a media job to
 *   `kafka.topics.media`, whose workers fetch the media after the answer and publish the item
 *   (media-worker.ts); either way 200 with TwiML, only after Kafka acknowledged;
 * - 503 with Retry-After when Kafka cannot take it: the item or the job was not published (an
 *   alert may have been, and is repeated under the same key by Twilio's retry).
 * A retry of the same MessageSid is the same item and gets the same answer.
 * The voice routes (voice-routes.ts) check their requests the same way.
 * GET /healthz answers while the server runs.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { connectorServerOptions } from '../../runtime/http-listen.js';
import { IntakeError, isRetriable } from '../../runtime/errors.js';
import { alertIfEmergency, publishRawItem } from '../publish-raw.js';
import type { ConnectorDeps } from '../types.js';
import { AnsweredMessages, type Captured } from './answered-messages.js';
import { parseFormParams, type FormParams } from './form-params.js';
import { readInboundMessage, type InboundMessage } from './inbound-message.js';
import { mediaJob, mediaJobMessage } from './media-job.js';
import { twilioAccount, type TwilioAccount, type TwilioSettings } from './settings.js';
import { checkSignature, SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER, signedUrl } from './signature.js';
import { smsToRawItem } from './to-raw-item.js';
import { sendError } from '../send-error.js';
import { twimlAnswer } from './twiml.js';
import { registerVoiceRoutes, type VoiceStats } from './voice-routes.js';

export const SMS_PATH = '/v1/twilio/sms';

/** Counts since the server was built, for tests; signature rejections are also `intake_webhook_signature_rejections_total`. */
export interface TwilioStats extends VoiceStats {
  captured: number;
  /** Retries answered from memory or joined while in flight. */
  replayed: number;
  rejectedSignatures: number;
  /** MMS whose media went to the media workers as a job (retries answered from memory not counted). */
  mediaJobs: number;
}

/**
 * What the connector needs beyond every connector's deps: the topic MMS go to for their media to
 * be fetched (`kafka.topics.media`, required), and the topic voicemail jobs go to
 * (`kafka.topics.transcription`), without which the voice routes are not served.
 */
export interface TwilioDeps extends ConnectorDeps {
  mediaTopic?: string;
  transcriptionTopic?: string;
}

export interface TwilioApp {
  app: FastifyInstance;
  stats(): Readonly<TwilioStats>;
}


/** A form body in UTF-8 (Twilio's), or which part of the content type is not. */
function contentTypeProblem(contentType: string | undefined): string | null {
  const [type = '', ...params] = (contentType ?? '').split(';');
  if (type.trim().toLowerCase() !== 'application/x-www-form-urlencoded') return 'must be application/x-www-form-urlencoded';
  const charset = params.map((p) => /^\s*charset\s*=\s*"?([^";\s]*)"?\s*$/i.exec(p)?.[1]?.toLowerCase()).find((c) => c !== undefined);
  return charset === undefined || charset === 'utf-8' || charset === 'utf8' || charset === 'us-ascii' ? null : 'charset must be UTF-8';
}

function firstHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(',')[0]?.trim() || undefined;
}

/**
 * The URL the request reached, as the proxy in front says (X-Forwarded-Proto/-Host) or else as
 * it arrived. Used only to explain a rejection: a signature that fits it means Twilio calls a URL
 * other than `publicBaseUrl`.
 */
function urlReached(request: FastifyRequest): string | null {
  const host = firstHeader(request, 'x-forwarded-host') ?? firstHeader(request, 'host');
  if (host === undefined || !/^[a-z0-9.\-[\]:]+$/i.test(host)) return null;
  const proto = firstHeader(request, 'x-forwarded-proto') === 'https' ? 'https' : 'http';
  return `${proto}://${host}`;
}

/** Builds the HTTP app (not yet listening). @throws IntakeError INTAKE_CONFIG_INVALID naming a missing key */
export function buildTwilioApp(config: TwilioSettings, deps: TwilioDeps): TwilioApp {
  const account: TwilioAccount = twilioAccount(config);
  const mediaTopic = deps.mediaTopic;
  if (mediaTopic === undefined) throw new IntakeError('INTAKE_CONFIG_INVALID', 'kafka.topics.media: the Twilio connector needs the media topic');
  const log = deps.logger.child({ component: 'twilio' });
  const stats: TwilioStats = { captured: 0, replayed: 0, rejectedSignatures: 0, mediaJobs: 0, calls: 0, voicemails: 0, recordingsFetched: 0, recordingsUnfetched: 0 };
  const answered = new AnsweredMessages();
  // Twilio sends its headers at once: ten seconds for them, as the web form's default.
  const app = Fastify(connectorServerOptions({ ...config, headersTimeoutSeconds: 10 }));

  // The body stays bytes until the handler: the signature is checked over exactly what was sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'INTAKE_REQUEST_TOO_LARGE', `the body is over the limit of ${config.bodyLimitBytes} bytes`);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'INTAKE_REQUEST_INVALID', 'the body must be application/x-www-form-urlencoded', [{ path: '(content-type)', message: 'must be application/x-www-form-urlencoded' }]);
    if ((error.statusCode ?? 500) < 500) return sendError(reply, error.statusCode ?? 400, 'INTAKE_REQUEST_INVALID', error.message);
    // An unexpected error's text could quote the request: its code and class say enough to find it.
    log.error({ err: { code: error.code, name: error.name } }, 'unexpected error');
    return sendError(reply, 500, 'INTAKE_INTERNAL', 'internal error');
  });

  /**
   * A text alone is published as it is. An MMS is not held up by its media: its text is screened
   * and a gas emergency alerted now, and the media job, holding the item, goes to the workers.
   */
  const capture = async (message: InboundMessage, receivedAt: Date): Promise<Captured> => {
    const { item, automatic } = smsToRawItem(message, { receivedAt, attachments: [] });
    if (message.media.length === 0) {
      const published = await publishRawItem(deps, item);
      return { itemId: item.itemId, emergency: published.emergency, automatic: automatic !== null };
    }
    const screened = await alertIfEmergency(deps, item);
    await deps.publisher.publish(mediaTopic, [mediaJobMessage(mediaJob(screened.item, message.media))]);
    stats.mediaJobs += 1;
    return { itemId: item.itemId, emergency: screened.emergency, automatic: automatic !== null };
  };

  const rejectSignature = (request: FastifyRequest, reply: FastifyReply, verdict: 'missing' | 'mismatch', params: FormParams): FastifyReply => {
    stats.rejectedSignatures += 1;
    // The route's pattern, never the URL: a voice callback's query carries the sealed caller.
    deps.metrics?.signatureRejected(request.routeOptions.url ?? '(unknown)');
    const reached = urlReached(request);
    const header = request.headers[SIGNATURE_HEADER];
    const fitsUrlReached = verdict === 'mismatch' && reached !== null && typeof header === 'string' && checkSignature(account.authToken, header, `${reached}${request.url}`, params) === 'valid';
    // A Webhook Rule makes Twilio sign with a SharedKey instead of the auth token: not supported yet.
    const sharedKey = request.headers[SIGNATURE_SETTINGS_HEADER] !== undefined;
    const hint = sharedKey ? 'signed with a Webhook Rule\'s SharedKey, which this connector does not check; remove the rule for this URL'
      : fitsUrlReached ? 'Twilio signed another URL than publicBaseUrl: set connectors.twilio.publicBaseUrl to the URL configured on the number' : null;
    log.warn({
      // The path alone: a voice callback's query carries the sealed caller, which has no place in a log.
      code: 'INTAKE_SIGNATURE_INVALID', reason: verdict, rejected: stats.rejectedSignatures, checkedAgainst: signedUrl(account.publicBaseUrl, request.url.split('?')[0] ?? ''),
      ...(fitsUrlReached ? { fitsUrlReached: reached } : {}), ...(sharedKey ? { signatureSettings: true } : {}), ...(hint === null ? {} : { hint }),
    }, 'signature rejected');
    return sendError(reply, 403, 'INTAKE_SIGNATURE_INVALID', verdict === 'missing' ? 'X-Twilio-Signature is required' : 'X-Twilio-Signature does not match this request');
  };

  /** The request's form parameters once its content type and signature are checked; null once it has been refused (415, 403). */
  const signedParams = (request: FastifyRequest, reply: FastifyReply): FormParams | null => {
    const problem = contentTypeProblem(request.headers['content-type']);
    if (problem !== null) {
      sendError(reply, 415, 'INTAKE_REQUEST_INVALID', 'the body must be a UTF-8 form', [{ path: '(content-type)', message: problem }]);
      return null;
    }
    const params = parseFormParams(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
    const header = request.headers[SIGNATURE_HEADER];
    const verdict = checkSignature(account.authToken, typeof header === 'string' ? header : undefined, signedUrl(account.publicBaseUrl, request.url), params);
    if (verdict === 'valid') return params;
    rejectSignature(request, reply, verdict, params);
    return null;
  };

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.post(SMS_PATH, async (request, reply) => {
    const started = process.hrtime.bigint();
    const receivedAt = deps.now();
    const params = signedParams(request, reply);
    if (params === null) return reply;

    const reading = readInboundMessage(params);
    if (!reading.ok) {
      log.info({ status: 400, fields: reading.errors.map((e) => e.path) }, 'message refused');
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the message cannot be read', reading.errors);
    }
    const { replayed, captured } = answered.capture(reading.message.messageSid, receivedAt.getTime(), () => capture(reading.message, receivedAt));
    let outcome: Captured;
    try {
      outcome = await captured;
    } catch (error) {
      if (!isRetriable(error)) {
        log.error({ err: { code: error instanceof IntakeError ? error.code : undefined, name: (error as Error | null)?.name } }, 'bug while capturing a message');
        return sendError(reply, 500, 'INTAKE_INTERNAL', 'internal error');
      }
      log.warn({ code: error instanceof IntakeError ? error.code : 'INTAKE_KAFKA_UNAVAILABLE' }, 'publish failed; answered 503');
      return sendError(reply.header('retry-after', '5'), 503, 'INTAKE_KAFKA_UNAVAILABLE', 'the message could not be stored just now; please retry');
    }
    if (replayed) stats.replayed += 1;
    else stats.captured += 1;
    log.info({ itemId: outcome.itemId, emergency: outcome.emergency, automatic: outcome.automatic, media: reading.message.media.length, replayed, status: 200, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'message accepted');
    return reply.code(200).type('text/xml; charset=utf-8').send(twimlAnswer(outcome, config.replies));
  });

  if (deps.transcriptionTopic !== undefined) registerVoiceRoutes(app, { config, account, deps: { ...deps, transcriptionTopic: deps.transcriptionTopic }, log, stats, signedParams });
  else log.info('no transcription topic given: the voice routes are off');

  return { app, stats: () => ({ ...stats }) };
}
