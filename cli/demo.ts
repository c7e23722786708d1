/**
 * `intake demo`, the quickstart: everything on embedded defaults (a local Kafka broker, the embedded
 * database, the folder blob store), the sample web-form fixtures replayed through the real HTTP
 * connector, and the records they became printed.
 */
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../runtime/config.js';
import type { Logger } from '../runtime/logger.js';
import { startDaemon } from './daemon.js';
import { replayDir } from './replay.js';
import { readSubscriberFile } from './subscriber-file.js';

function pad(value: string, width: number): string {
  return value.length >= width ? value : value + ' '.repeat(width - value.length);
}

export async function runDemo(config: Config, logger: Logger, fixturesDir: string, out: (line: string) => void): Promise<void> {
  // The staff-entered fixtures need a key; the demo invents one when none is configured, and an
  // operator token nobody is told (the daemon stops when the demo ends), so the reports server
  // starts without warning that it has none.
  const staffApiKey = Object.values(config.connectors.webform.staffApiKeys)[0] ?? randomBytes(16).toString('hex');
  const withStaff: Config = Object.keys(config.connectors.webform.staffApiKeys).length > 0 ? config : {
    ...config,
    connectors: { ...config.connectors, webform: { ...config.connectors.webform, staffApiKeys: { 'demo-agent': staffApiKey } } },
  };
  const operatorToken = Object.values(config.reports.tokens)[0] ?? randomBytes(16).toString('hex');
  const demoConfig: Config = Object.keys(config.reports.tokens).length > 0 ? withStaff : {
    ...withStaff,
    reports: { ...withStaff.reports, tokens: { 'demo-operator': operatorToken } },
  };
  out('starting Kafka (first run downloads the broker from Maven Central), the database and the daemon ...');
  const daemon = await startDaemon(demoConfig, logger);
  try {
    // Synthetic subscribers, so that subscriber applications are filled and checked from the registry.
    const subscribers = await readSubscriberFile(join(fixturesDir, '../subscribers/synthetic.json'));
    await daemon.sink.importSubscribers(subscribers, new Date());
    const endpoint = daemon.connectors[0]?.endpoint?.() ?? null;
    if (endpoint === null) throw new Error('the web-form connector is not listening');
    out(`Kafka at ${daemon.brokers.join(',')}, ${daemon.sink.backend} database, web form at ${endpoint}/v1/applications`);
    const reports = daemon.reports?.endpoint() ?? null;
    if (reports !== null) out(`reports at ${reports}/v1/reports?by=unit and the dashboard at ${reports}/dashboard, with a token of INTAKE_OPERATOR_TOKENS (also: intake report --by region)`);
    out(`replaying ${fixturesDir} ...`);
    const replayed = await replayDir(fixturesDir, { endpoint, staffApiKey, mailbox: null });
    const deadline = Date.now() + 60_000;
    const rows: string[] = [];
    const width = Math.max(8, ...replayed.map((r) => basename(r.file).length)) + 1;
    for (const r of replayed) {
      let stored = r.itemId ? await daemon.sink.get(r.itemId) : null;
      while (r.itemId && stored === null && Date.now() < deadline) {
        await sleep(200);
        stored = await daemon.sink.get(r.itemId);
      }
      const outcome = stored ? `${pad(stored.applicationNumber ?? '-', 11)}  ${pad(stored.kind, 12)} ${stored.reasons.join(',')}${stored.emergency ? '  << GAS EMERGENCY: alert sent to dispatch, caller told to ring 187' : ''}` : r.itemId ? 'not recorded yet' : `refused: ${JSON.stringify((r.body as { error?: { code?: string } }).error?.code ?? r.body)}`;
      rows.push(`${pad(basename(r.file), width)} ${r.status}  ${outcome}`);
    }
    out('');
    out(`${pad('fixture', width)} HTTP application  decision     reasons`);
    for (const row of rows) out(row);
    const counts = await daemon.sink.countByKind();
    out('');
    out(`records in the database by decision: ${JSON.stringify(counts)}`);
    out('watch the topics with any Kafka client; stop the local broker with: node bin/intake.js kafka stop');
  } finally {
    await daemon.stop();
  }
}
