/** The periodic checks behind `/readyz`'s kafka and database stages. */
import assert from 'node:assert/strict';
import { startHealthProbe } from '../../runtime/health-probe.js';
import { createReadiness, readinessAnswer } from '../../runtime/readiness.js';

describe('health probe', () => {
  const probeInto = (check: (signal: AbortSignal) => Promise<void>, timeoutMs = 1000) => {
    const readiness = createReadiness();
    const probe = startHealthProbe({ check, intervalMs: 60_000, timeoutMs, onResult: (ok) => readiness.set('database', ok ? 'ready' : 'failed') });
    return { readiness, probe };
  };

  context('when the dependency answers', () => {
    it('marks the stage ready', async () => {
      const { readiness, probe } = probeInto(async () => undefined);
      assert.equal(await probe.check(), true);
      assert.equal(readiness.get('database'), 'ready');
      probe.stop();
    });
  });

  context('when it fails, then comes back', () => {
    it('marks the stage failed, then ready again', async () => {
      let up = false;
      const { readiness, probe } = probeInto(async () => { if (!up) throw new Error('connection refused'); });
      assert.equal(await probe.check(), false);
      assert.equal(readiness.get('database'), 'failed');
      up = true;
      assert.equal(await probe.check(), true);
      assert.equal(readiness.get('database'), 'ready');
      probe.stop();
    });
  });

  context('when it does not answer in time', () => {
    it('marks the stage failed after the timeout, with the check aborted', async () => {
      let aborted = false;
      const { readiness, probe } = probeInto((signal) => new Promise<void>(() => { signal.addEventListener('abort', () => { aborted = true; }); }), 20);
      assert.equal(await probe.check(), false);
      assert.equal(readiness.get('database'), 'failed');
      assert.equal(aborted, true);
      probe.stop();
    });
  });
});

describe('readinessAnswer', () => {
  const stages = { capture: 'ready', kafka: 'ready', ocr: 'disabled', normalizer: 'starting' } as const;

  it('answers 200 for one stage asked that is ready, 503 for one that is not', () => {
    assert.equal(readinessAnswer({ ...stages }, 'kafka')?.status, 200);
    assert.equal(readinessAnswer({ ...stages }, 'normalizer')?.status, 503);
  });

  it('answers for every stage not disabled when none is asked', () => {
    assert.equal(readinessAnswer({ ...stages }, undefined)?.status, 503);
    assert.equal(readinessAnswer({ ...stages, normalizer: 'ready' }, undefined)?.status, 200);
  });

  it('answers null for a stage it does not list', () => {
    assert.equal(readinessAnswer({ ...stages }, 'toString'), null);
    assert.equal(readinessAnswer({ ...stages }, 'bogus'), null);
  });
});
