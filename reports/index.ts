/**
 * The reports HTTP API for dashboards, run by the daemon next to the connectors. The CLI's
 * `intake report` prints the same documents from the database directly.
 */
import type { Config } from '../runtime/config.js';
import { listenOn } from '../runtime/http-listen.js';
import { buildReportsApp, type ReportsDeps } from './server.js';

export type { ReportsDeps } from './server.js';
export type { ReportDocument } from './report-document.js';

/** The running API; `endpoint()` says where it listens once started (port 0 picks a free one). */
export interface ReportsServer {
  /** @throws IntakeError INTAKE_INFRA_FAILED when the port is taken or the host is not this machine's */
  start(): Promise<void>;
  /** `http://host:port`, or null before start. */
  endpoint(): string | null;
  /** Stops accepting and waits for requests in flight. Idempotent. */
  stop(): Promise<void>;
}

/** Creates the server (not yet listening). */
export function createReportsServer(config: Config['reports'], deps: ReportsDeps): ReportsServer {
  const app = buildReportsApp(deps);
  let endpoint: string | null = null;
  return {
    async start() {
      endpoint = await listenOn(app, config, { name: 'reports API', settings: 'reports.port (INTAKE_REPORTS_PORT) or reports.enabled' });
      deps.logger.info({ component: 'reports', endpoint }, 'listening');
    },
    endpoint: () => endpoint,
    async stop() {
      await app.close();
    },
  };
}
