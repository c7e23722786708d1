/** A small report document for the format and server tests. */
import type { ReportRow } from '../../sink/index.js';
import type { ReportDocument } from '../../reports/report-document.js';

const zero = { total: 0, crm: 0, needsInfo: 0, archiveOnly: 0, ignored: 0, emergencies: 0, linkedDuplicates: 0, open: 0, overdue: 0, medianResolutionHours: null };

/** A row of `key` with `counts` over zeros. */
export function row(key: string, counts: Partial<ReportRow> = {}): ReportRow {
  return { key, ...zero, ...counts };
}

/** By unit, March 2026 in Istanbul; one key holds a comma and a quote. */
export function sampleDocument(): ReportDocument {
  return {
    by: 'unit',
    from: '2026-02-28T21:00:00.000Z',
    to: '2026-03-31T21:00:00.000Z',
    generatedAt: '2026-04-02T07:15:00.000Z',
    rows: [
      row('Müşteri Hizmetleri', { total: 12, crm: 10, needsInfo: 2, open: 3, overdue: 1, medianResolutionHours: 30.5 }),
      row('Sayaç, "Okuma" Birimi', { total: 3, crm: 3, linkedDuplicates: 1 }),
    ],
    total: row('(total)', { total: 15, crm: 13, needsInfo: 2, linkedDuplicates: 1, open: 3, overdue: 1, medianResolutionHours: 30.5 }),
  };
}
