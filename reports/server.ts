/**
 * The operator server. GET /v1/reports?by=region|unit|topic|channel[&from=…][&to=…] → 200 with a
 * {@link ReportDocument}; GET /v1/overview?hours=N → the live dashboard's document; GET /dashboard
 * → the dashboard (static files, no build step); 400 with field errors for a bad or unknown
 * parameter; 503 when the CRM database does not answer (the dashboard retries). GET /healthz → 200
 * while the server runs, the one route open without an operator token (reports/auth.ts). Error
 * bodies have the web form's shape: `{ error: { code, message, fields? } }`.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import type { ErrorBody } from '../connectors/webform/server.js';
import { IntakeError, type ErrorCode } from '../runtime/errors.js';
import type { Logger } from '../runtime/logger.js';
import type { FieldError } from '../runtime/schemas.js';
import type { Sink } from '../sink/index.js';
import { registerOperatorAuth } from './auth.js';
import { registerDashboardFiles } from './dashboard-files.js';
import { createOperatorSessions } from './operator-sessions.js';
import { buildOverview } from './overview-document.js';
import { parseOverviewParams } from './overview-params.js';
import type { GaugeSampler, PipelineGauges } from './pipeline-gauges.js';
import { buildReport } from './report-document.js';
import { registerOperatorRoutes, type OperatorDeps } from './operator-routes.js';
import { parseReportParams } from './report-params.js';

/** What the reports server needs from the daemon. */
export interface ReportsDeps {
  /**
   * The daemon's own sink (PGlite allows one process per data dir, so the API shares it), or a
   * read-only one on `reports.databaseUrl`.
   */
  sink: Pick<Sink, 'report' | 'overview'>;
  logger: Logger;
  /** SLA breaches are judged at this time. */
  now: () => Date;
  /** Operator tokens, name → token (`reports.tokens`); none: every route but /healthz answers 401. */
  tokens: Readonly<Record<string, string>>;
  /** Kafka's part of the dashboard (lag, dead letters) and its minute samples; absent: shown as n/a. */
  kafka?: { gauges: PipelineGauges; sampler: GaugeSampler } | null;
  /** Readiness and metrics for GET /readyz and /metrics (operator-routes.ts); without it those are not served. */
  operator?: OperatorDeps;
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
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'INTAKE_REQUEST_INVALID', 'no such route; reports are at GET /v1/reports, the dashboard at GET /dashboard'));
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('x-frame-options', 'DENY');
  });
  // First, so that it guards every route added after it, the operator routes included.
  registerOperatorAuth(app, { tokens: deps.tokens, sessions: createOperatorSessions(), now: deps.now, log });

  app.get('/healthz', async () => ({ status: 'ok' }));
  registerOperatorRoutes(app, deps);

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
      return databaseDown(reply, error);
    }
  });

  app.get('/v1/overview', async (request, reply) => {
    const started = process.hrtime.bigint();
    const reading = parseOverviewParams(request.query as Record<string, unknown>);
    if (!reading.ok) {
      log.info({ status: 400, fields: reading.errors.map((f) => (f.path === 'hours' ? f.path : '(unknown)')) }, 'overview refused');
      return sendError(reply, 400, 'INTAKE_REQUEST_INVALID', 'the overview parameters are malformed', reading.errors);
    }
    try {
      const doc = await buildOverview(deps.sink, reading.params, deps.now(), deps.kafka ?? null);
      log.debug({ hours: doc.window.hours, status: 200, ms: Number(process.hrtime.bigint() - started) / 1e6 }, 'overview served');
      return reply.header('cache-control', 'no-store').send(doc);
    } catch (error) {
      return databaseDown(reply, error);
    }
  });

  registerDashboardFiles(app);

  /** 503 with Retry-After for a database that does not answer; anything else is rethrown. */
  function databaseDown(reply: FastifyReply, error: unknown): FastifyReply {
    if (!(error instanceof IntakeError) || error.code !== 'INTAKE_DB_UNAVAILABLE') throw error;
    log.warn({ code: error.code, status: 503 }, 'database unavailable; answered 503');
    return sendError(reply.header('retry-after', '5'), 503, 'INTAKE_DB_UNAVAILABLE', 'the CRM database did not answer; please retry');
  }

  return app;
}
