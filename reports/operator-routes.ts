/**
 * The operator's probes on the reports server (the operator port, loopback by default), beside the
 * `GET /healthz` the server answers while it runs:
 * - `GET /readyz` → 200 when every stage not disabled is ready, else 503; `?stage=kafka` (any stage
 *   it lists) for one; 400 for a stage it does not know. The body lists every stage's state.
 * - `GET /metrics` → the Prometheus exposition (docs/metrics.md); the scrape reads consumer lag and
 *   overdue records with a time bound, so it answers even while Kafka or the database is down.
 * Both sit behind the server's operator authentication (reports/auth.ts), as every route but
 * `/healthz` does.
 */
import type { FastifyInstance } from 'fastify';
import type { ErrorBody } from '../connectors/webform/server.js';
import type { IntakeMetrics } from '../runtime/metrics.js';
import { readinessAnswer, type Readiness } from '../runtime/readiness.js';

/** What the probes read: the daemon's readiness and metrics. */
export interface OperatorDeps {
  readiness: Pick<Readiness, 'snapshot'>;
  metrics: Pick<IntakeMetrics, 'scrape' | 'contentType'>;
}

/** Adds `/readyz` and `/metrics` when the daemon hands over `operator`; a server without it has neither. */
export function registerOperatorRoutes(app: FastifyInstance, deps: { operator?: OperatorDeps | undefined }): void {
  const operator = deps.operator;
  if (operator === undefined) return;

  app.get<{ Querystring: { stage?: string } }>('/readyz', async (request, reply) => {
    const stages = operator.readiness.snapshot();
    const answer = readinessAnswer(stages, typeof request.query.stage === 'string' ? request.query.stage : undefined);
    if (answer === null) {
      const body: ErrorBody = { error: { code: 'INTAKE_REQUEST_INVALID', message: `stage must be one of: ${Object.keys(stages).join(', ')}` } };
      return reply.code(400).send(body);
    }
    return reply.code(answer.status).header('cache-control', 'no-store').send(answer.body);
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await operator.metrics.scrape();
    return reply.header('cache-control', 'no-store').type(operator.metrics.contentType).send(text);
  });
}
