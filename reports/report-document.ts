/** The one shape a report leaves the intake in: the HTTP API's body and `intake report --format json`. */
import type { ReportDimension, ReportRow, Sink } from '../sink/index.js';
import type { ReportParams } from './report-params.js';

/** A report with what it was asked for; times are ISO 8601, UTC. */
export interface ReportDocument {
  by: ReportDimension;
  /** Inclusive lower bound on the receipt time; null: from the first record. */
  from: string | null;
  /** Exclusive upper bound on the receipt time; null: up to the last record. */
  to: string | null;
  /** When it was run: SLA breaches are judged at this time. */
  generatedAt: string;
  /** One row per key, most applications first. */
  rows: ReportRow[];
  /** The grand total, key `(total)`. */
  total: ReportRow;
}

/**
 * Runs the report at `now` and wraps it with its parameters.
 * @throws IntakeError INTAKE_DB_UNAVAILABLE when the database does not answer
 */
export async function buildReport(sink: Pick<Sink, 'report'>, params: ReportParams, now: Date): Promise<ReportDocument> {
  const { rows, total } = await sink.report({ by: params.by, from: params.from, to: params.to, now });
  return {
    by: params.by,
    from: params.from?.toISOString() ?? null,
    to: params.to?.toISOString() ?? null,
    generatedAt: now.toISOString(),
    rows,
    total,
  };
}
