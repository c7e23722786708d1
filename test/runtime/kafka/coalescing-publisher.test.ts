import assert from 'node:assert/strict';
import { IntakeError } from '../../../runtime/errors.js';
import { coalescingPublisher, messageBytes } from '../../../runtime/kafka/coalescing-publisher.js';
import type { OutgoingMessage, Publisher } from '../../../runtime/kafka/types.js';
import { HeldPublisher, settled } from './held-publisher.js';

const message = (key: string, value = `value of ${key}`): OutgoingMessage => ({ key, value, headers: { schema: 'raw-item/1' } });

/** Publishes one message under `key` and records when its promise settled. */
function tracked(publisher: Publisher, topic: string, key: string, value?: string): { done: Promise<void>; state: () => 'pending' | 'resolved' | 'rejected'; error: () => unknown } {
  let state: 'pending' | 'resolved' | 'rejected' = 'pending';
  let error: unknown = null;
  const done = publisher.publish(topic, [message(key, value)]).then(
    () => { state = 'resolved'; },
    (e: unknown) => { state = 'rejected'; error = e; },
  );
  return { done, state: () => state, error: () => error };
}

/**
 * Brings the publisher to where its last send carried `n` callers, as under steady load: one
 * caller sent alone, `n` arriving while it is in flight. Every send is acknowledged.
 */
async function underLoad(inner: HeldPublisher, publisher: Publisher, n: number): Promise<void> {
  const start = inner.sends.length;
  const first = tracked(publisher, 'warm-up', 'w0');
  const alone = await inner.send(start);
  const rest = Array.from({ length: n }, (_, i) => tracked(publisher, 'warm-up', `w${i + 1}`));
  alone.ack();
  const together = await inner.send(start + 1);
  assert.equal(together.messages.length, n);
  together.ack();
  await Promise.all([first.done, ...rest.map((r) => r.done)]);
}

describe('runtime/kafka coalescingPublisher', () => {
  context('when publishes arrive while a send is in flight', () => {
    it('sends them together, in arrival order, once the send in flight was acknowledged', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 0 });
      const first = tracked(publisher, 'raw', 'a');
      const sendA = await inner.send(0);
      const rest = ['b', 'c', 'd'].map((key) => tracked(publisher, 'raw', key));
      await settled();
      assert.equal(inner.sends.length, 1, 'nothing more is sent while a send is in flight');
      sendA.ack();
      const sendBcd = await inner.send(1);
      assert.deepEqual(sendBcd.keys, ['b', 'c', 'd']);
      assert.equal(first.state(), 'resolved');
      sendBcd.ack();
      await Promise.all(rest.map((r) => r.done));
      assert.equal(inner.maxInFlight, 1);
    });

    it('resolves a caller only once the send carrying its message was acknowledged', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 0 });
      tracked(publisher, 'raw', 'a');
      const sendA = await inner.send(0);
      const b = tracked(publisher, 'raw', 'b');
      sendA.ack();
      const sendB = await inner.send(1);
      await settled();
      assert.equal(b.state(), 'pending');
      sendB.ack();
      await b.done;
      assert.equal(b.state(), 'resolved');
    });
  });

  context('when a publish finds nothing in flight', () => {
    it('sends a lone caller at once under light load, without waiting out the linger', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 60_000 });
      const a = tracked(publisher, 'raw', 'a');
      const send = await inner.send(0);
      assert.deepEqual(send.keys, ['a']);
      send.ack();
      await a.done;
    });

    it('under load, waits up to the linger for others and sends them in one send', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 20 });
      await underLoad(inner, publisher, 3);
      const calls = ['a', 'b'].map((key) => tracked(publisher, 'raw', key));
      await settled();
      assert.equal(inner.sends.length, 2, 'two callers wait for a third until the linger ends');
      const send = await inner.send(2);
      assert.deepEqual(send.keys, ['a', 'b']);
      send.ack();
      await Promise.all(calls.map((c) => c.done));
    });

    it('stops waiting as soon as as many callers wait as the last send carried', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 60_000 });
      await underLoad(inner, publisher, 2);
      const calls = ['a', 'b'].map((key) => tracked(publisher, 'raw', key));
      const send = await inner.send(2);
      assert.deepEqual(send.keys, ['a', 'b']);
      send.ack();
      await Promise.all(calls.map((c) => c.done));
    });

    it('with no linger, sends what arrived in the same turn of the event loop together', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 0 });
      await underLoad(inner, publisher, 3);
      const calls = ['a', 'b'].map((key) => tracked(publisher, 'raw', key));
      const send = await inner.send(2);
      assert.deepEqual(send.keys, ['a', 'b']);
      send.ack();
      await Promise.all(calls.map((c) => c.done));
    });
  });

  context('when many callers publish at once', () => {
    it('sends every message exactly once, one send at a time, and settles every caller', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 0, maxMessages: 25 });
      // Acknowledges each send as it comes, with new callers arriving while sends are in flight.
      let acked = 0;
      const acking = (async () => {
        for (let i = 0; acked < 300; i++) {
          const send = await inner.send(i);
          acked += send.messages.length;
          await settled();
          send.ack();
        }
      })();
      const calls: ReturnType<typeof tracked>[] = [];
      for (let wave = 0; wave < 6; wave++) {
        for (let i = 0; i < 50; i++) calls.push(tracked(publisher, 'raw', `k${wave * 50 + i}`));
        await settled();
      }
      await Promise.all(calls.map((c) => c.done));
      await acking;
      assert.ok(calls.every((c) => c.state() === 'resolved'));
      const sentKeys = inner.sends.flatMap((s) => s.keys);
      assert.deepEqual(sentKeys, calls.map((_c, i) => `k${i}`), 'each key once, in arrival order');
      assert.equal(inner.maxInFlight, 1);
      assert.ok(inner.sends.every((s) => s.messages.length <= 25));
      assert.ok(inner.sends.length < 30, `${inner.sends.length} sends for 300 publishes`);
    });
  });

  context('when a send fails', () => {
    it('rejects the callers of that send with its error, and only them', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 0 });
      const a = tracked(publisher, 'raw', 'a');
      const sendA = await inner.send(0);
      const b = tracked(publisher, 'raw', 'b');
      const c = tracked(publisher, 'raw', 'c');
      sendA.ack();
      const sendBc = await inner.send(1);
      const d = tracked(publisher, 'raw', 'd');
      const failure = new IntakeError('INTAKE_KAFKA_UNAVAILABLE', 'broker down (test)');
      sendBc.fail(failure);
      await Promise.all([a.done, b.done, c.done]);
      assert.equal(a.state(), 'resolved');
      assert.equal(b.state(), 'rejected');
      assert.equal(c.state(), 'rejected');
      assert.equal(b.error(), failure);
      // The publisher goes on: the next caller is sent and acknowledged on its own.
      const sendD = await inner.send(2);
      assert.deepEqual(sendD.keys, ['d']);
      sendD.ack();
      await d.done;
      assert.equal(d.state(), 'resolved');
    });

    it('fails only the callers of the topic whose send failed when a batch spans topics', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 10 });
      await underLoad(inner, publisher, 3);
      const alert = tracked(publisher, 'emergency', 'e1');
      const raw1 = tracked(publisher, 'raw', 'r1');
      const raw2 = tracked(publisher, 'raw', 'r2');
      const emergencySend = await inner.send(2);
      assert.equal(emergencySend.topic, 'emergency', 'topics go in the order they first appeared');
      emergencySend.ack();
      const rawSend = await inner.send(3);
      assert.deepEqual([rawSend.topic, rawSend.keys], ['raw', ['r1', 'r2']]);
      rawSend.fail();
      await Promise.all([alert.done, raw1.done, raw2.done]);
      assert.deepEqual([alert.state(), raw1.state(), raw2.state()], ['resolved', 'rejected', 'rejected']);
    });
  });

  context('when a caller awaits one publish before the next', () => {
    for (const [what, load] of [['under light load', 0], ['under load', 3]] as const) {
      it(`sends the second only after the first was acknowledged, never in the same send (${what})`, async () => {
        const inner = new HeldPublisher();
        const publisher = coalescingPublisher(inner, { lingerMs: 5 });
        if (load > 0) await underLoad(inner, publisher, load);
        const order: string[] = [];
        const caller = (async () => {
          await publisher.publish('emergency', [message('item-1')]);
          order.push('alert acknowledged');
          await publisher.publish('raw', [message('item-1')]);
          order.push('raw acknowledged');
        })();
        const others = ['x', 'y', 'z'].map((key) => tracked(publisher, 'raw', key));
        await inner.acknowledgeUntil(Promise.all([caller, ...others.map((o) => o.done)]));
        const alertSend = inner.sendOf('emergency', 'item-1');
        const rawSend = inner.sendOf('raw', 'item-1');
        assert.ok(alertSend >= 0 && rawSend > alertSend);
        assert.ok(inner.log.indexOf(`ack ${alertSend}`) < inner.log.findIndex((l) => l.startsWith(`send ${rawSend} `)), inner.log.join('; '));
        assert.deepEqual(order, ['alert acknowledged', 'raw acknowledged']);
      });
    }
  });

  context('when the bounds are reached', () => {
    it('sends at most maxMessages messages at a time, the oldest first', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 0, maxMessages: 3 });
      tracked(publisher, 'raw', 'a');
      const sendA = await inner.send(0);
      const queued = ['b', 'c', 'd', 'e', 'f'].map((key) => tracked(publisher, 'raw', key));
      sendA.ack();
      const second = await inner.send(1);
      assert.deepEqual(second.keys, ['b', 'c', 'd']);
      second.ack();
      const third = await inner.send(2);
      assert.deepEqual(third.keys, ['e', 'f']);
      third.ack();
      await Promise.all(queued.map((q) => q.done));
    });

    it('sends at most maxBytes at a time', async () => {
      const inner = new HeldPublisher();
      const value = 'x'.repeat(1000);
      const size = messageBytes(message('k0', value));
      const publisher = coalescingPublisher(inner, { lingerMs: 5, maxBytes: size * 2 + 10 });
      const calls = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((key) => tracked(publisher, 'raw', key, value));
      const batches: string[][] = [];
      for (let i = 0; batches.flat().length < 6; i++) {
        const send = await inner.send(i);
        batches.push(send.keys);
        send.ack();
      }
      assert.deepEqual(batches, [['k1'], ['k2', 'k3'], ['k4', 'k5'], ['k6']]);
      await Promise.all(calls.map((c) => c.done));
    });

    it('sends a full queue without waiting out the linger', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 60_000, maxMessages: 3 });
      await underLoad(inner, publisher, 3);
      const full = publisher.publish('raw', [message('a'), message('b'), message('c')]);
      const send = await inner.send(2);
      assert.deepEqual(send.keys, ['a', 'b', 'c']);
      send.ack();
      await full;
    });

    it('sends a single publish over the bounds alone and whole', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 0, maxMessages: 2, maxBytes: 100 });
      const big = publisher.publish('raw', [message('a', 'x'.repeat(500)), message('b'), message('c')]);
      const small = tracked(publisher, 'raw', 'd');
      const first = await inner.send(0);
      assert.deepEqual(first.keys, ['a', 'b', 'c']);
      first.ack();
      const second = await inner.send(1);
      assert.deepEqual(second.keys, ['d']);
      second.ack();
      await Promise.all([big, small.done]);
    });
  });

  context('when it is closed', () => {
    it('sends what waits without lingering, then closes the inner publisher, and refuses later publishes', async () => {
      const inner = new HeldPublisher();
      const publisher = coalescingPublisher(inner, { lingerMs: 60_000 });
      await underLoad(inner, publisher, 3);
      const waiting = tracked(publisher, 'raw', 'a');
      await settled();
      assert.equal(inner.sends.length, 2, 'the caller lingers');
      const closing = publisher.close();
      const send = await inner.send(2);
      assert.equal(inner.closed, false, 'not closed while a send is in flight');
      send.ack();
      await closing;
      await waiting.done;
      assert.equal(waiting.state(), 'resolved');
      assert.equal(inner.closed, true);
      await assert.rejects(publisher.publish('raw', [message('b')]), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_KAFKA_UNAVAILABLE');
    });
  });

  it('resolves a publish of no messages without sending', async () => {
    const inner = new HeldPublisher();
    await coalescingPublisher(inner).publish('raw', []);
    assert.equal(inner.sends.length, 0);
  });

  it('refuses options out of range', () => {
    const inner = new HeldPublisher();
    assert.throws(() => coalescingPublisher(inner, { lingerMs: -1 }), RangeError);
    assert.throws(() => coalescingPublisher(inner, { maxMessages: 0 }), RangeError);
    assert.throws(() => coalescingPublisher(inner, { maxBytes: 1.5 }), RangeError);
  });
});

describe('runtime/kafka messageBytes', () => {
  it('counts key, value and headers in UTF-8 bytes, and never less than their sum', () => {
    const m: OutgoingMessage = { key: 'k', value: 'ğüş', headers: { a: 'b' } };
    assert.ok(messageBytes(m) >= 1 + 6 + 2);
    assert.ok(messageBytes({ key: 'k', value: Buffer.alloc(1000) }) >= 1001);
  });
});
