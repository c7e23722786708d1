/** Recording turns: batches decided at once are recorded one at a time, in the order they asked. */
import assert from 'node:assert/strict';
import { RecordingTurns } from '../../normalizer/recording-turns.js';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('recording turns', () => {
  context('when three batches ask for a turn while the first is still writing', () => {
    it('runs them one at a time, in the order they asked', async () => {
      const turns = new RecordingTurns();
      const log: string[] = [];
      const work = (name: string) => async (): Promise<string> => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        return name;
      };
      assert.deepEqual(await Promise.all([turns.take(work('a')), turns.take(work('b')), turns.take(work('c'))]), ['a', 'b', 'c']);
      assert.deepEqual(log, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    });
  });

  context('when a turn throws', () => {
    it('passes the error to its caller and the next turn still runs', async () => {
      const turns = new RecordingTurns();
      const failed = turns.take(async () => { throw new Error('refused'); });
      const next = turns.take(async () => 'ran');
      await assert.rejects(failed, /refused/);
      assert.equal(await next, 'ran');
    });
  });

  context('when a recorded batch changed the registry', () => {
    it('shows a new registry version, so a batch decided before it decides again', () => {
      const turns = new RecordingTurns();
      const seen = turns.registryVersion;
      turns.registryChanged();
      assert.notEqual(turns.registryVersion, seen);
    });
  });
});
