import assert from 'node:assert/strict';
import { createOperatorSessions } from '../../reports/operator-sessions.js';

describe('operator sessions', () => {
  context('when a session is used within the idle time', () => {
    it('stays open, each use renewing it', () => {
      const sessions = createOperatorSessions({ idleMs: 1000 });
      const id = sessions.open('wall-screen', 0);
      assert.equal(sessions.find(id, 900), 'wall-screen');
      assert.equal(sessions.find(id, 1800), 'wall-screen');
    });
  });

  context('when a session idles past the idle time', () => {
    it('is gone', () => {
      const sessions = createOperatorSessions({ idleMs: 1000 });
      const id = sessions.open('wall-screen', 0);
      assert.equal(sessions.find(id, 1001), null);
      assert.equal(sessions.find(id, 1002), null);
    });
  });

  context('when more sessions are opened than kept', () => {
    it('ends the least recently used', () => {
      const sessions = createOperatorSessions({ max: 2 });
      const first = sessions.open('a', 0);
      const second = sessions.open('b', 1);
      sessions.find(first, 2);
      sessions.open('c', 3);
      assert.deepEqual([sessions.find(first, 4), sessions.find(second, 4)], ['a', null]);
    });
  });

  context('when a session is closed', () => {
    it('is gone, and its id differs from every other', () => {
      const sessions = createOperatorSessions();
      const id = sessions.open('noc', 0);
      assert.notEqual(sessions.open('noc', 0), id);
      sessions.close(id);
      assert.equal(sessions.find(id, 1), null);
    });
  });
});
