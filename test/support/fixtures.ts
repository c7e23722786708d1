/** Reads the fixture inboxes: every input file beside its `<name>.expected.json`. */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckReport } from '../../cli/check-report.js';

export const fixturesRoot = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

export interface Expected {
  /** What the connector answers its source (HTTP status for the web form). */
  status: number;
  note?: string;
  /** A subset of what `intake check` prints. */
  check: Partial<Omit<CheckReport, 'customer'>> & { customer?: Partial<CheckReport['customer']> };
}

export interface Fixture { name: string; file: string; bytes: Buffer; expected: Expected }

export function loadFixtures(channelDir: string, extension: string): Fixture[] {
  const dir = join(fixturesRoot, channelDir);
  return readdirSync(dir)
    .filter((f) => extname(f) === extension)
    .sort()
    .map((f) => {
      const name = basename(f, extension);
      return {
        name,
        file: join(dir, f),
        bytes: readFileSync(join(dir, f)),
        expected: JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected,
      };
    });
}
