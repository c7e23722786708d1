/** An aligned text table for a person at a terminal (`intake topics`, `intake dlq list`). */
import { printable } from '../reports/format-table.js';

// Code points, not UTF-16 units.
const width = (text: string): number => Array.from(text).length;

/**
 * A heading, a rule and the rows, columns two spaces apart; cells made safe for a terminal.
 * @param right indexes of the columns aligned right (numbers)
 */
export function textTable(heading: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number> = new Set()): string[] {
  const cells = rows.map((row) => row.map(printable));
  const widths = heading.map((h, i) => Math.max(width(h), ...cells.map((r) => width(r[i] ?? ''))));
  const pad = (cell: string, i: number): string => {
    const fill = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell)));
    return right.has(i) ? fill + cell : cell + fill;
  };
  const render = (row: readonly string[]): string => row.map(pad).join('  ').trimEnd();
  return [render(heading), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(render)];
}
