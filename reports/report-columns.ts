/** The counting columns of a report row, in the order every format prints them. */
import type { ReportRow } from '../sink/index.js';

export type CountField = Exclude<keyof ReportRow, 'key'>;

/** Field name (JSON, CSV header) and the short heading a table shows. */
export const countColumns: ReadonlyArray<{ field: CountField; heading: string }> = [
  { field: 'total', heading: 'total' },
  { field: 'crm', heading: 'crm' },
  { field: 'needsInfo', heading: 'needs-info' },
  { field: 'archiveOnly', heading: 'archive-only' },
  { field: 'ignored', heading: 'ignored' },
  { field: 'emergencies', heading: 'emergencies' },
  { field: 'linkedDuplicates', heading: 'duplicates' },
  { field: 'open', heading: 'open' },
  { field: 'overdue', heading: 'overdue' },
  { field: 'medianResolutionHours', heading: 'median h' },
];
