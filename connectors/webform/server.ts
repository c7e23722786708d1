/**
 * POST /v1/applications. Answers 202 with the item id only after Kafka acknowledged the raw item;
 * 400 with field errors for a body it cannot read; 401 for a staff channel without a valid key;
 * 408 for a request that does not arrive in time; 413 over the size limit; 415 for another content
 * type or charset; 422 for an Idempotency-Key reused with another body while the key is remembered;
 * 503 when Kafka is unreachable (nothing was written; the caller retries).
 * GET /healthz (alive) and /readyz (each stage of the daemon; `?stage=normalizer` for one).
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { connectorServerOptions } from '../../runtime/http-listen.js';
import type { Socket } from 'node:net';
import type { WebformConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import { IntakeError, type ErrorCode } from '../../runtime/errors.js';
import { readinessAnswer } from '../../runtime/readiness.js';
import type { FieldError } from '../../runtime/schemas.js';
import type { ConnectorDeps } from '../types.js';
import { publishRawItem, type Published } from '../publish-raw.js';
import { acknowledgement } from './acknowledgement.js';
import { IdempotencyCache } from './idempotency-cache.js';
import { formFingerprint, freshItemId, itemIdFromKey } from './item-id.js';
import { parseForm } from './parse-form.js';
import { knownFields } from './read-fields.js';
import { staffKeyName } from '../api-key-auth.js';
import { formToRawItem } from './to-raw-item.js';

export interface ErrorBody { error: { code: ErrorCode; message: string; fields?: FieldError[] } }

function errorBody(code: ErrorCode, message: string, fields?: FieldError[]): ErrorBody {
  return { error: fields ? { code, message, fields } : { code, message } };
}

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string, fields?: FieldError[]): FastifyReply {
  return reply.code(status).type('application/json').send(errorBody(code, message, fields));
}

/** Answers a request that never arrived whole (Node's request and header timeouts) before the socket closes. */
function onClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const body = JSON.stringify(timedOut
    ? errorBody('INTAKE_REQUEST_TIMEOUT', 'the request did not arrive in time')
    : errorBody('INTAKE_REQUEST_INVALID', 'the request is not valid HTTP'));
  const status = timedOut ? '408 Request Timeout' : '400 Bad Request';
  socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/** Builds the HTTP app (not yet listening). */
export function buildWebformApp(config: Defaulted<WebformConfig>, deps: ConnectorDeps): FastifyInstance {
  const log = deps.logger.child({ component: 'webform' });
  const cache = new IdempotencyCache(config.idempotencyTtlSeconds * 1000, config.idempotencyMaxEntries);
  const app = Fastify({ ...connectorServerOptions(config), clientErrorHandler: onClientError });

  // Bodies are kept as bytes and parsed by parse-form, so the server and `intake check` agree and
  // the charset is honoured.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return sendError(reply, 413, 'INTAKE_REQUEST_TOO_LARGE', `the body is over the limit of ${config.bodyLimitBytes} bytes`);
    }
    if ((error.statusCode ?? 500) < 500) return sendError(reply, error.statusCode ?? 400, 'INTAKE_REQUEST_INVALID', error.message);
    // An unexpected error's text could quote the request: its code and class say enough to find it.
    log.error({ err: { code: error.code, name: error.name } }, 'unexpected error');
    return sendError(reply, 500, 'INTAKE_INTERNAL', 'internal error');
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get<{ Querystring: { stage?: string } }>('/readyz', async (request, reply) => {
    const stages = deps.readiness.snapshot();
    // Capture by default: a load balancer in front of the form asks whether the form can take applications.
    const answer = readinessAnswer(stages, typeof request.query.stage === 'string' ? request.query.stage : 'capture');
    if (answer === null) return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', `stage must be one of: ${Object.keys(stages).join(', ')}`);
    return reply.code(answer.status).send(answer.body);
  });

  app.post('/v1/applications', async (request, reply) => {
    const started = process.hrtime.bigint();
    const contentType = request.headers['content-type'] ?? '';
    const idempotencyKey = request.headers['idempotency-key'];
    if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey))) {
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'Idempotency-Key must be 1 to 200 visible ASCII characters', [{ path: '(header) Idempotency-Key', message: 'is malformed' }]);
    }
    const parsed = parseForm(contentType, Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
    if (!parsed.ok) {
      // A field name is the caller's text and could be anything: only our own paths are logged.
      log.info({ status: parsed.status, fields: parsed.errors.map((e) => (e.path.startsWith('(') || knownFields.has(e.path) ? e.path : '(field)')) }, 'application refused');
      const message = parsed.status === 415 ? 'the content type or charset is not accepted' : 'the application cannot be read';
      return sendError(reply, parsed.status, 'INTAKE_REQUEST_INVALID', message, parsed.errors);
    }
    const { form, notes } = parsed;
    const channel = form.channel ?? 'webform';
    let enteredBy: string | null = null;
    if (channel !== 'webform') {
      const presented = request.headers['x-api-key'];
      enteredBy = staffKeyName(config.staffApiKeys, typeof presented === 'string' ? presented : undefined);
      if (enteredBy === null) return sendError(reply, 401, 'INTAKE_UNAUTHORIZED', `channel ${channel} is entered by staff and needs a valid X-Api-Key`);
    }

    const now = deps.now();
    const fingerprint = formFingerprint(form);
    if (idempotencyKey !== undefined) {
      const previous = cache.get(idempotencyKey, now.getTime());
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          return sendError(reply, 422, 'INTAKE_IDEMPOTENCY_CONFLICT', 'this Idempotency-Key was used before with a different application');
        }
        const settled = await previous.done.then((p) => p, () => null);
        if (settled) return reply.code(202).send({ ...acknowledgement(previous.itemId, settled.emergency), replayed: true });
      }
    }

    const itemId = idempotencyKey === undefined ? freshItemId() : itemIdFromKey(idempotencyKey, fingerprint);
    const item = formToRawItem(form, { itemId, receivedAt: now, enteredBy, notes });
    const done = publishRawItem(deps, item);
    if (idempotencyKey !== undefined) cache.set(idempotencyKey, { itemId, fingerprint, done }, now.getTime());
    let published: Published;
    try {
      published = await done;
    } catch (error) {
      if (idempotencyKey !== undefined) cache.delete(idempotencyKey);
      const code = error instanceof IntakeError ? error.code : 'INTAKE_KAFKA_UNAVAILABLE';
      log.warn({ itemId, code }, 'publish failed; answered 503');
      return sendError(reply.header('retry-after', '5'), 503, 'INTAKE_KAFKA_UNAVAILABLE', 'the application could not be stored just now; please retry');
    }
    log.info({ itemId, channel, emergency: published.emergency, status: 202, notes: { unknown: notes.unknown.length, dropped: notes.dropped, repaired: notes.repaired }, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'application accepted');
    return reply.code(202).send(acknowledgement(itemId, published.emergency));
  });

  return app;
}
