import assert from 'node:assert/strict';
import { publishRawItem } from '../../connectors/publish-raw.js';
import type { ConnectorDeps } from '../../connectors/types.js';
import { folderBlobStore } from '../../runtime/blob-store.js';
import { coalescingPublisher } from '../../runtime/kafka/coalescing-publisher.js';
import { createReadiness } from '../../runtime/readiness.js';
import { completeForm, rawItem } from '../normalizer/raw-item-fixture.js';
import { HeldPublisher, settled } from '../runtime/kafka/held-publisher.js';
import { memoryLogger } from '../support/memory-logger.js';

function depsOver(inner: HeldPublisher): ConnectorDeps {
  return {
    // As the daemon wires capture: its own producer, concurrent publishes sharing sends.
    publisher: coalescingPublisher(inner, { lingerMs: 0 }),
    rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', blobStore: folderBlobStore('/nonexistent'),
    logger: memoryLogger().logger, now: () => new Date('2026-11-24T10:00:00Z'), readiness: createReadiness(),
  };
}

const gasSmell = { ...completeForm, description: 'Mutfakta gaz kokusu var, çok yoğun.' };

describe('connectors publishRawItem over the capture publisher', () => {
  context('when an item reports a gas smell while other items are being captured', () => {
    it('has the alert acknowledged before its raw item is sent', async () => {
      const inner = new HeldPublisher();
      const deps = depsOver(inner);
      const emergency = rawItem('webform', { form: gasSmell });
      const ordinary = [1, 2, 3].map(() => rawItem('webform', { form: completeForm }));
      const published = publishRawItem(deps, emergency);
      const others = ordinary.map((item) => publishRawItem(deps, item));
      await inner.acknowledgeUntil(Promise.all([published, ...others]));
      const alertSend = inner.sendOf('emergency', emergency.itemId);
      const rawSend = inner.sendOf('raw', emergency.itemId);
      assert.ok(alertSend >= 0 && rawSend > alertSend, inner.log.join('; '));
      assert.ok(inner.log.indexOf(`ack ${alertSend}`) < inner.log.findIndex((l) => l.startsWith(`send ${rawSend} `)), inner.log.join('; '));
      assert.equal(inner.sends[rawSend]?.messages.find((m) => m.key === emergency.itemId)?.headers?.emergency, 'true');
      assert.deepEqual(await published, { emergency: true });
      for (const other of others) assert.deepEqual(await other, { emergency: false });
      assert.ok(ordinary.every((item) => inner.sendOf('raw', item.itemId) >= 0));
    });
  });

  context('when the alert could not be published', () => {
    it('does not publish the raw item and passes the error to the caller', async () => {
      const inner = new HeldPublisher();
      const published = publishRawItem(depsOver(inner), rawItem('webform', { form: gasSmell }));
      const alertSend = await inner.send(0);
      alertSend.fail();
      await assert.rejects(published, (e: unknown) => (e as { code?: string }).code === 'INTAKE_KAFKA_UNAVAILABLE');
      await settled();
      assert.equal(inner.sends.length, 1);
    });
  });

  context('when the raw item\'s send fails', () => {
    it('rejects, so that the web form answers 503 and nothing is acknowledged', async () => {
      const inner = new HeldPublisher();
      const published = publishRawItem(depsOver(inner), rawItem('webform', { form: completeForm }));
      (await inner.send(0)).fail();
      await assert.rejects(published, (e: unknown) => (e as { code?: string }).code === 'INTAKE_KAFKA_UNAVAILABLE');
    });
  });
});
