/** The record of what operators did with dead letters: the first action on one is the one kept. */
import assert from 'node:assert/strict';
import { IntakeError } from '../../runtime/errors.js';
import { openDeadLetterActions, type DeadLetterAction, type DeadLetterActions } from '../../sink/index.js';
import { backends } from './backends.js';

const replayed: DeadLetterAction = { topic: 'intake.dead-letter.v1', partition: 0, offset: '9007199254740993', action: 'replayed', by: 'zeynep', at: '2026-03-11T10:00:00.000Z', reason: null, replayedTo: 'intake.raw.v1' };
const dropped: DeadLetterAction = { ...replayed, offset: '1', action: 'dropped', reason: 'a test application', replayedTo: null };

describe('dead-letter actions', () => {
  // The CLI runs beside the daemon on either backend; the directory flavour of PGlite adds nothing here.
  for (const backend of backends().filter((b) => b.name !== 'embedded PGlite (temp dir)')) {
    describe(`on ${backend.name}`, () => {
      let actions: DeadLetterActions;

      before(async () => {
        actions = await openDeadLetterActions(await backend.prepare());
      });

      after(async () => {
        await actions?.close();
        await backend.cleanup();
      });

      it('records actions in one statement and reads them back by position, offsets beyond 2^53 intact', async () => {
        assert.deepEqual(await actions.record([replayed, dropped]), [replayed, dropped]);
        const onTopic = await actions.onTopic(replayed.topic);
        assert.deepEqual([...onTopic.keys()], ['0:1', '0:9007199254740993']);
        assert.deepEqual(onTopic.get('0:9007199254740993'), replayed);
        assert.equal((await actions.onTopic('another')).size, 0);
      });

      it('keeps the first action when a dead letter is acted on again', async () => {
        assert.deepEqual(await actions.record([{ ...replayed, by: 'ahmet' }, { ...dropped, offset: '2' }]), [{ ...dropped, offset: '2' }]);
        assert.equal((await actions.onTopic(replayed.topic)).get('0:9007199254740993')?.by, 'zeynep');
      });

      it('refuses a drop without a reason', async () => {
        await assert.rejects(actions.record([{ ...dropped, offset: '3', reason: null }]), (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_DB_REJECTED');
      });
    });
  }
});
