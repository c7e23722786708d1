/** docs/metrics.md and the metrics cannot drift apart. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics } from '../../runtime/metrics.js';
import { METRIC_NAMES } from '../support/metric-names.js';
import { declaredNames } from '../support/prometheus-text.js';
import { repoRoot } from '../support/infra.js';

describe('docs/metrics.md', () => {
  it('has a row for every intake_ metric the daemon declares, and for no other', async () => {
    const doc = readFileSync(join(repoRoot, 'docs', 'metrics.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^\| `(intake_[a-z_]+)` \|/gm)].map((m) => m[1]));
    const declared = [...declaredNames(await createMetrics({ processMetrics: false }).scrape())].filter((n) => n.startsWith('intake_'));
    assert.deepEqual([...documented].sort(), [...declared].sort());
    assert.deepEqual([...declared].sort(), [...METRIC_NAMES].sort());
  });
});
