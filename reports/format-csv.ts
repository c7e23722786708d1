/** `intake report --format csv`: RFC 4180, for spreadsheets. */
import { countColumns } from './report-columns.js';
import type { ReportDocument } from './report-document.js';

// RFC 4180: fields holding a comma, a quote or a line break are quoted, quotes doubled; CRLF ends records.
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

// A district is typed by customers. A spreadsheet runs a cell starting with = + - @ as a formula
// (CSV injection), so such a key is shown as text with a leading apostrophe, as OWASP advises.
function key(value: string): string {
  return field(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
}

/**
 * A header (the dimension, then the JSON field names), one record per row, the grand total last
 * under the key `(total)`. An unknown median is an empty field.
 */
export function formatCsv(doc: ReportDocument): string {
  const header = [doc.by, ...countColumns.map((c) => c.field)].join(',');
  const records = [...doc.rows, doc.total].map((row) => [key(row.key), ...countColumns.map((c) => String(row[c.field] ?? ''))].join(','));
  return [header, ...records].map((line) => `${line}\r\n`).join('');
}
