/**
 * POST /v1/documents: the mail room's upload of one scanned document. The body is the file itself
 * (application/pdf, image/tiff, image/png, image/jpeg, or application/octet-stream: its first bytes
 * say what it is); `?channel=fax|letter` says how it came, `&registryNumber=` a petition's number in
 * the document-tracking system. In order:
 * - 401 without a mail-room API key (X-Api-Key), constant-time compared;
 * - 415 for another content type, 413 over `maxFileBytes`, 400 for a bad channel or registry number;
 * - 202 with the item id only after Kafka acknowledged the OCR job; 503 with Retry-After when it
 *   cannot (nothing was published; the mail room uploads again, and the same file is the same item).
 * GET /healthz answers while the server runs.
 */
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { IntakeError, isRetriable } from '../../runtime/errors.js';
import { connectorServerOptions } from '../../runtime/http-listen.js';
import { staffKeyName } from '../api-key-auth.js';
import { sendError } from '../send-error.js';
import type { DocumentCapture } from './capture.js';

export const UPLOAD_PATH = '/v1/documents';

const ACCEPTED_TYPES = ['application/pdf', 'image/tiff', 'image/png', 'image/jpeg', 'application/octet-stream'];
const REGISTRY_NUMBER = /^[0-9A-Za-z][0-9A-Za-z./-]{0,63}$/;

export interface UploadSettings {
  apiKeys: Readonly<Record<string, string>>;
  maxFileBytes: number;
  requestTimeoutSeconds: number;
  headersTimeoutSeconds: number;
}

export function buildUploadApp(settings: UploadSettings, capture: DocumentCapture, log: { warn(o: object, m: string): void; error(o: object, m: string): void }): FastifyInstance {
  const app = Fastify(connectorServerOptions({ bodyLimitBytes: settings.maxFileBytes, requestTimeoutSeconds: settings.requestTimeoutSeconds, headersTimeoutSeconds: settings.headersTimeoutSeconds }));
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(ACCEPTED_TYPES, { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return sendError(reply, 413, 'INTAKE_REQUEST_TOO_LARGE', `the file is over the limit of ${settings.maxFileBytes} bytes`);
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return sendError(reply, 415, 'INTAKE_REQUEST_INVALID', `the body must be the file itself: ${ACCEPTED_TYPES.join(', ')}`);
    if (error.code === 'FST_ERR_CTP_EMPTY_BODY') return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the file is empty');
    return sendError(reply, error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 500, 'INTAKE_REQUEST_INVALID', 'the request cannot be read');
  });

  app.post(UPLOAD_PATH, async (request, reply) => {
    const key = request.headers['x-api-key'];
    const uploadedBy = staffKeyName(settings.apiKeys, typeof key === 'string' ? key : undefined);
    if (uploadedBy === null) return sendError(reply.header('www-authenticate', 'ApiKey'), 401, 'INTAKE_UNAUTHORIZED', 'a mail-room API key (X-Api-Key) is needed');
    const query = request.query as Record<string, unknown>;
    const channel = query.channel;
    const registryNumber = query.registryNumber;
    const errors = [];
    if (channel !== 'fax' && channel !== 'letter') errors.push({ path: 'channel', message: 'must be fax or letter' });
    if (registryNumber !== undefined && (typeof registryNumber !== 'string' || !REGISTRY_NUMBER.test(registryNumber))) errors.push({ path: 'registryNumber', message: 'must be 1-64 letters, digits, dots, slashes or dashes' });
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) errors.push({ path: '(body)', message: 'must be the file, not empty' });
    if (errors.length > 0 || !Buffer.isBuffer(body)) return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the upload cannot be taken', errors);
    try {
      const itemId = await capture.uploaded(body, {
        channel: channel as 'fax' | 'letter', declaredType: request.headers['content-type'], uploadedBy,
        ...(typeof registryNumber === 'string' ? { registryNumber } : {}),
      });
      return reply.code(202).send({ itemId, status: 'accepted' });
    } catch (error) {
      if (!isRetriable(error)) {
        log.error({ code: error instanceof IntakeError ? error.code : 'INTAKE_INTERNAL' }, 'bug while taking an upload');
        return sendError(reply, 500, 'INTAKE_INTERNAL', 'internal error');
      }
      log.warn({ code: error instanceof IntakeError ? error.code : 'INTAKE_KAFKA_UNAVAILABLE' }, 'upload not published; answered 503');
      return sendError(reply.header('retry-after', '5'), 503, 'INTAKE_KAFKA_UNAVAILABLE', 'the document could not be stored just now; please upload it again');
    }
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  return app;
}
