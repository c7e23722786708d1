/**
 * POST /v1/applications. Answers 202 with the item id only after Kafka acknowledged the raw item;
 * 400 with field errors for a malformed body; 401 for a staff channel without a valid key; 413 over
 * the size limit; 415 for another content type; 422 for a reused Idempotency-Key with another body;
 * 503 when Kafka is unreachable (nothing was written; the caller retries).
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { WebformConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import { IntakeError, type ErrorCode } from '../../runtime/errors.js';
import type { FieldError } from '../../runtime/schemas.js';
import type { ConnectorDeps } from '../types.js';
import { publishRawItem, type Published } from '../publish-raw.js';
import { acknowledgement } from './acknowledgement.js';
import { IdempotencyCache } from './idempotency-cache.js';
import { formFingerprint, freshItemId, itemIdFromKey } from './item-id.js';
import { parseForm } from './parse-form.js';
import { staffKeyName } from './staff-auth.js';
import { formToRawItem } from './to-raw-item.js';

export interface ErrorBody { error: { code: ErrorCode; message: string; fields?: FieldError[] } }

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string, fields?: FieldError[]): FastifyReply {
  const body: ErrorBody = { error: fields ? { code, message, fields } : { code, message } };
  return reply.code(status).type('application/json').send(body);
}

const formTypes = ['application/json', 'application/x-www-form-urlencoded'];

/** Builds the HTTP app (not yet listening). */
export function buildWebformApp(config: Defaulted<WebformConfig>, deps: ConnectorDeps): FastifyInstance {
  const log = deps.logger.child({ component: 'webform' });
  const cache = new IdempotencyCache(config.idempotencyTtlSeconds * 1000, config.idempotencyMaxEntries);
  const app = Fastify({ bodyLimit: config.bodyLimitBytes, logger: false, return503OnClosing: true });

  // Bodies are kept as text and parsed by parse-form, so the server and `intake check` agree.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

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

  app.post('/v1/applications', async (request, reply) => {
    const started = process.hrtime.bigint();
    const contentType = request.headers['content-type'] ?? '';
    if (!formTypes.includes(contentType.split(';')[0]?.trim().toLowerCase() ?? '')) {
      return sendError(reply, 415, 'INTAKE_REQUEST_INVALID', 'content type must be application/json or application/x-www-form-urlencoded');
    }
    const idempotencyKey = request.headers['idempotency-key'];
    if (idempotencyKey !== undefined && (typeof idempotencyKey !== 'string' || !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey))) {
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'Idempotency-Key must be 1 to 200 visible ASCII characters', [{ path: '(header) Idempotency-Key', message: 'is malformed' }]);
    }
    const parsed = parseForm(contentType, typeof request.body === 'string' ? request.body : '');
    if (!parsed.ok) {
      // An unknown field's name is the caller's text and could be anything: it is not logged.
      log.info({ status: 400, fields: parsed.errors.map((e) => (e.message === 'is not a known field' ? '(unknown field)' : e.path)) }, 'application refused');
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the application has malformed fields', parsed.errors);
    }
    const form = parsed.form;
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

    const itemId = idempotencyKey === undefined ? freshItemId() : itemIdFromKey(idempotencyKey);
    const item = formToRawItem(form, { itemId, receivedAt: now, enteredBy });
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
    log.info({ itemId, channel, emergency: published.emergency, status: 202, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'application accepted');
    return reply.code(202).send(acknowledgement(itemId, published.emergency));
  });

  return app;
}
