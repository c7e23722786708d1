import fsp from 'node:fs/promises';
import path from 'node:path';

const TAIL_LINES = 40;

/**
 * The end of a tool's log, to put in an error message so the cause is visible without opening
 * the file. Never throws: an unreadable log gives `(no <name>)`.
 */
export async function logTail(file: string): Promise<string> {
  try {
    // Strip ANSI colour codes: Maven 3.8 prints some even with -B -q.
    const text = (await fsp.readFile(file, 'utf8')).replace(/\x1b\[[0-9;]*m/g, '');
    return text.split('\n').slice(-TAIL_LINES - 1).join('\n').trimEnd();
  } catch {
    return `(no ${path.basename(file)})`;
  }
}
