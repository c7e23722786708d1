/** `intake report` (the default format): an aligned table for a person at a terminal. */
import { countColumns } from './report-columns.js';
import type { ReportDocument } from './report-document.js';

// Istanbul has kept UTC+3 all year since 2016: its wall-clock time is UTC shifted by three hours.
const ISTANBUL_OFFSET_MS = 3 * 60 * 60 * 1000;

/** `2026-03-01 00:00` (seconds only when there are some), Istanbul time. */
export function istanbulTime(iso: string): string {
  const shifted = new Date(Date.parse(iso) + ISTANBUL_OFFSET_MS).toISOString();
  return shifted.replace('T', ' ').replace(/\.000Z$/, '').replace(/Z$/, '').replace(/^(.{16}):00$/, '$1');
}

/**
 * Recorded text made safe for a terminal: a control character must not reach it, where an escape
 * sequence could rewrite what the reader sees.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
}

// Code points, not UTF-16 units; recorded text is NFC, so Turkish letters are one each.
const width = (text: string): number => Array.from(text).length;
const padEnd = (text: string, to: number): string => text + ' '.repeat(Math.max(0, to - width(text)));
const padStart = (text: string, to: number): string => ' '.repeat(Math.max(0, to - width(text))) + text;

function caption(doc: ReportDocument): string {
  const bounds = [doc.from === null ? '' : `from ${istanbulTime(doc.from)}`, doc.to === null ? '' : `before ${istanbulTime(doc.to)}`].filter(Boolean);
  const period = bounds.length === 0 ? 'all applications' : `applications received ${bounds.join(', ')}`;
  return `${period} (Istanbul time), by ${doc.by}; SLA breaches as of ${istanbulTime(doc.generatedAt.replace(/\.\d{3}Z$/, '.000Z'))}`;
}

/**
 * A caption, a heading line, one line per row, and the grand total under a rule. Keys are left
 * aligned, counts right aligned; an unknown median shows as `-`.
 */
export function formatTable(doc: ReportDocument): string {
  const cells = (key: string, row: ReportDocument['total']): string[] => [printable(key), ...countColumns.map((c) => String(row[c.field] ?? '-'))];
  const heading = [doc.by, ...countColumns.map((c) => c.heading)];
  const body = doc.rows.map((row) => cells(row.key, row));
  const total = cells(doc.total.key, doc.total);
  const widths = heading.map((h, i) => Math.max(width(h), ...[...body, total].map((line) => width(line[i] ?? ''))));
  const render = (line: string[]): string => line.map((cell, i) => (i === 0 ? padEnd(cell, widths[0] ?? 0) : padStart(cell, widths[i] ?? 0))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [caption(doc), '', render(heading), rule, ...body.map(render), rule, render(total)].map((line) => `${line}\n`).join('');
}
