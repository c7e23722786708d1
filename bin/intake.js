#!/usr/bin/env node
// The compiled CLI lives in dist/; `npm run build` (or `npm test`) makes it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('intake: not built yet; run `npm run build` first\n');
  process.exit(2);
}
await import(entry.href);
