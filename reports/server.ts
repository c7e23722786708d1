/**
 * GET /v1/reports?by=region|unit|topic|channel[&from=…][&to=…] → 200 with a {@link ReportDocument};
 * 400 with field errors for a bad or unknown parameter; 503 when the CRM database does not answer
 * (the dashboard retries). GET /healthz → 200 while the server runs. Error bodies have the web
 * form's shape: `{ error: { code, message, fields? } }`.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ErrorBody } from '../connectors/webform/server.js';
import { IntakeError, type ErrorCode } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';
import type { FieldError } from '../runtime/schemas.js';
import type { Sink } from '../sink/index.js';
import { buildReport } from './report-document.js';
import { parseReportParams } from './report-params.js';

/** What the reports server needs from the daemon. */
export interface ReportsDeps {
  /** The daemon's own sink: PGlite allows one process per data dir, so the API shares it. */
  sink: Pick<Sink, 'report'>;
  logger: Logger;
  /** SLA breaches are judged at this time. */
  now: () => Date;
}

const PARAMETERS = new Set(['by', 'from', 'to']);

function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string, fields?: FieldError[]): FastifyReply {
  const body: ErrorBody = { error: fields ? { code, message, fields } : { code, message } };
  return reply.code(status).type('application/json').send(body);
}

/** Builds the HTTP app (not yet listening). */
export function buildReportsApp(deps: ReportsDeps): FastifyInstance {
  const log = deps.logger.child({ component: 'reports' });
  const app = Fastify({ logger: false, return503OnClosing: true });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if ((error.statusCode ?? 500) < 500) return sendError(reply, error.statusCode ?? 400, 'INTAKE_REQUEST_INVALID', error.message);
    // An unexpected error's text could quote the request: its code and class say enough to find it.
    log.error({ err: { code: error.code, name: error.name } }, 'unexpected error');
    return sendError(reply, 500, 'INTAKE_INTERNAL', 'internal error');
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'INTAKE_REQUEST_INVALID', 'no such route; reports are at GET /v1/reports'));

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/v1/reports', async (request, reply) => {
    const started = process.hrtime.bigint();
    const query = request.query as Record<string, unknown>;
    // An unknown parameter is refused rather than ignored: `?group=unit` must not quietly give
    // a report the dashboard did not ask for. Its name is the caller's text: not logged.
    const unknown: FieldError[] = Object.keys(query).filter((name) => !PARAMETERS.has(name)).map((path) => ({ path, message: 'is not a known parameter' }));
    const reading = parseReportParams(query);
    const fields = [...unknown, ...(reading.ok ? [] : reading.errors)];
    if (!reading.ok || fields.length > 0) {
      log.info({ status: 400, fields: fields.map((f) => (PARAMETERS.has(f.path) ? f.path : '(unknown)')) }, 'report refused');
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the report parameters are malformed', fields);
    }
    try {
      const doc = await buildReport(deps.sink, reading.params, deps.now());
      log.info({ by: doc.by, rows: doc.rows.length, status: 200, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'report served');
      return reply.header('cache-control', 'no-store').send(doc);
    } catch (error) {
      if (!(error instanceof IntakeError) || error.code !== 'INTAKE_DB_UNAVAILABLE') throw error;
      log.warn({ code: error.code, status: 503 }, 'database unavailable; answered 503');
      return sendError(reply.header('retry-after', '5'), 503, 'INTAKE_DB_UNAVAILABLE', 'the CRM database did not answer; please retry');
    }
  });

  return app;
}
