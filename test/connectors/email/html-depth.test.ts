import assert from 'node:assert/strict';
import { nestsDeeperThan } from '../../../connectors/email/html-depth.js';

describe('connectors/email nestsDeeperThan', () => {
  it('counts open elements against the bound', () => {
    assert.equal(nestsDeeperThan('<div>'.repeat(3), 3), false);
    assert.equal(nestsDeeperThan('<div>'.repeat(4), 3), true);
  });

  it('closes down to the nearest open element of an end tag, and ignores an end tag with none open', () => {
    assert.equal(nestsDeeperThan('<div><b><i></div><div><b><i>', 3), false);
    assert.equal(nestsDeeperThan(`${'</span>'.repeat(10)}<a><b><c>`, 3), false);
  });

  it('opens no level for void elements, elements closed by a sibling, comments or a lone "<"', () => {
    assert.equal(nestsDeeperThan(`<div>${'<br><td><li><p>'.repeat(1000)}<!-- <div><div> --> 1 < 2`, 1), false);
  });

  it('is linear in the length of deeply nested or unclosed markup', () => {
    const started = performance.now();
    nestsDeeperThan('<b>'.repeat(200_000), 1_000_000);
    nestsDeeperThan('<'.repeat(1_000_000), 10);
    nestsDeeperThan(`${'<b>'.repeat(1000)}${'</i>'.repeat(100_000)}`, 10_000);
    assert.ok(performance.now() - started < 1000);
  });
});
