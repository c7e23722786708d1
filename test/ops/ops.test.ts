/**
 * ops/: the alert rules and the Grafana dashboard name only metrics the daemon serves, and the
 * rules pass promtool's check and their unit tests where Debian's promtool is installed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMetrics } from '../../runtime/metrics.js';
import { repoRoot } from '../support/infra.js';

const ops = join(repoRoot, 'ops');
const rules = readFileSync(join(ops, 'prometheus/alerts.yml'), 'utf8');
const dashboard = JSON.parse(readFileSync(join(ops, 'grafana/intake-dashboard.json'), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;

/** The intake_ metric names a PromQL text uses (histogram series named by their base metric). */
function metricsIn(text: string): string[] {
  return [...new Set([...text.matchAll(/\bintake_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, '')))];
}

describe('ops: alert rules and dashboard', () => {
  const served = new Set((createMetrics().registry.getMetricsAsArray()).map((m) => m.name));

  it('name only metrics the daemon serves', () => {
    const used = [...metricsIn(rules), ...dashboard.panels.flatMap((p) => p.targets.flatMap((t) => metricsIn(t.expr)))];
    assert.ok(used.length > 8);
    for (const name of used) assert.ok(served.has(name), `${name} is not served`);
  });

  it('give every alert a runbook section in ops/README.md', () => {
    const readme = readFileSync(join(ops, 'README.md'), 'utf8');
    for (const [, name] of rules.matchAll(/- alert: (\w+)/g)) assert.match(readme, new RegExp(`^### ${name}$`, 'm'), `${name}`);
  });

  (promtool ? it : it.skip)('pass promtool check rules and the rules\' unit tests', () => {
    const check = spawnSync('promtool', ['check', 'rules', join(ops, 'prometheus/alerts.yml')], { encoding: 'utf8' });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    const tests = spawnSync('promtool', ['test', 'rules', join(ops, 'prometheus/alerts.test.yml')], { encoding: 'utf8' });
    assert.equal(tests.status, 0, tests.stdout + tests.stderr);
  });
});
