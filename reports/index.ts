/**
 * The operator server run by the daemon next to the connectors: the reports API, the live
 * dashboard and the operator endpoints, behind operator tokens. The CLI's `intake report` prints
 * the same report documents from the database directly.
 */
import type { Config } from '../runtime/config.js';
import { listenOn } from '../runtime/http-listen.js';
import { TOKENS_VARIABLE } from './auth.js';
import { buildReportsApp, type ReportsDeps } from './server.js';

export type { ReportsDeps } from './server.js';
export type { ReportDocument } from './report-document.js';
export type { OverviewDocument } from './overview-document.js';
export { createGaugeSampler, type PipelineGauges } from './pipeline-gauges.js';

/** The running API; `endpoint()` says where it listens once started (port 0 picks a free one). */
export interface ReportsServer {
  /** @throws IntakeError INTAKE_INFRA_FAILED when the port is taken or the host is not this machine's */
  start(): Promise<void>;
  /** `http://host:port`, or null before start. */
  endpoint(): string | null;
  /** Stops accepting and waits for requests in flight. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Creates the server (not yet listening), its operator tokens taken from `config.tokens`. Start
 * also starts the Kafka gauges' minute samples, when given; stop stops them.
 */
export function createReportsServer(config: Config['reports'], deps: Omit<ReportsDeps, 'tokens'>): ReportsServer {
  const app = buildReportsApp({ ...deps, tokens: config.tokens });
  let endpoint: string | null = null;
  return {
    async start() {
      endpoint = await listenOn(app, config, { name: 'reports API', settings: 'reports.port (INTAKE_REPORTS_PORT) or reports.enabled' });
      deps.kafka?.sampler.start();
      const tokens = Object.keys(config.tokens).length;
      if (tokens === 0) deps.logger.warn({ component: 'reports', endpoint }, `no operator tokens configured (${TOKENS_VARIABLE}): the reports, the dashboard and the operator endpoints answer 401 to everyone`);
      deps.logger.info({ component: 'reports', endpoint, tokens }, 'listening');
    },
    endpoint: () => endpoint,
    async stop() {
      deps.kafka?.sampler.stop();
      await app.close();
    },
  };
}
