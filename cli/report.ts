/**
 * `intake report`: the documents of the reports HTTP API, read straight from the configured CRM
 * database (`reports.databaseUrl`, a read-only user, else `database.url`) and printed as a table,
 * CSV or JSON. It never migrates: a schema that is missing or behind is an error.
 */
import { formatCsv } from '../reports/format-csv.js';
import { formatTable } from '../reports/format-table.js';
import { buildReport, type ReportDocument } from '../reports/report-document.js';
import { parseReportParams, type ReportParams } from '../reports/report-params.js';
import type { Config } from '../runtime/config.js';
import { openConfiguredReader } from './configured-sink.js';

export const reportFormats = ['table', 'csv', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

/** The command's flags as typed. */
export interface ReportArgs { by?: string; from?: string; to?: string; format?: string }

/** Checks the flags; on failure, one message naming every bad flag. */
export function readReportArgs(args: ReportArgs): { ok: true; params: ReportParams; format: ReportFormat } | { ok: false; message: string } {
  const reading = parseReportParams(args);
  const problems = reading.ok ? [] : reading.errors.map((e) => `--${e.path} ${e.message}`);
  const format = args.format ?? 'table';
  if (!(reportFormats as readonly string[]).includes(format)) problems.push(`--format must be one of: ${reportFormats.join(', ')}`);
  if (!reading.ok || problems.length > 0) return { ok: false, message: problems.join('\n') };
  return { ok: true, params: reading.params, format: format as ReportFormat };
}

/** Renders a report document in `format`, ending with a line break. */
export function formatReport(doc: ReportDocument, format: ReportFormat): string {
  switch (format) {
    case 'csv': return formatCsv(doc);
    case 'json': return `${JSON.stringify(doc, null, 2)}\n`;
    case 'table': return formatTable(doc);
  }
}

function heldDirMessage(config: Config, dir: string, pid: unknown, params: ReportParams): string {
  const api = `http://${config.reports.host}:${config.reports.port}/v1/reports?by=${params.by}`;
  return `the embedded database in ${dir} is open in another process (pid ${String(pid)}), most likely the running daemon; `
    + 'PGlite lets only one process use a data dir. '
    + `Read the report from the daemon's HTTP API instead (GET ${api} with Authorization: Bearer <an operator token of INTAKE_OPERATOR_TOKENS>${config.reports.enabled ? '' : ', after setting reports.enabled to true'}), `
    + 'or keep the CRM in PostgreSQL (DATABASE_URL) so that the daemon and this command can both connect';
}

/**
 * Runs one report against the configured database and renders it.
 * @param now when the report is generated; SLA breaches are judged at it
 * @throws IntakeError INTAKE_INFRA_FAILED when the daemon holds the embedded data dir;
 *   INTAKE_DB_UNAVAILABLE (not retriable) when there is no embedded database yet; INTAKE_DB_NOT_MIGRATED
 */
export async function runReport(config: Config, params: ReportParams, format: ReportFormat, now: Date): Promise<string> {
  const sink = await openConfiguredReader(config, (dir, pid) => heldDirMessage(config, dir, pid, params));
  try {
    return formatReport(await buildReport(sink, params, now), format);
  } finally {
    await sink.close();
  }
}
