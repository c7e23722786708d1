/** A mailbox that cannot be reached: its `/readyz` stage fails and each reconnect is counted by mailbox id. */
import assert from 'node:assert/strict';
import { emailConnector } from '../../../connectors/email/index.js';
import { keepNothingBlobStore } from '../../../runtime/blob-store.js';
import { loadConfig } from '../../../runtime/config.js';
import { createMetrics } from '../../../runtime/metrics.js';
import { createReadiness } from '../../../runtime/readiness.js';
import { freePort } from '../../support/daemon-process.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { parseExposition, sampleValue } from '../../support/prometheus-text.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { waitFor } from '../../support/wait-for.js';

describe('e-mail connector health', () => {
  context('when nothing answers at the mailbox\'s address', () => {
    it('marks capture:email:<id> failed and counts the reconnects under the mailbox id, never the address', async () => {
      const base = loadConfig({}).connectors.email;
      const config = {
        ...base, enabled: true, reconnectMaxSeconds: 1,
        mailboxes: [{ id: 'destek', host: '127.0.0.1', port: await freePort(), secure: false, user: 'ayse.yilmaz@example.com', folder: 'INBOX', markSeen: true, moveTo: null, failedFolder: 'Intake-Failed' }],
        passwords: { destek: 'secret' },
      };
      const readiness = createReadiness();
      const metrics = createMetrics({ readiness, processMetrics: false });
      const connector = emailConnector.create(config, {
        publisher: new RecordingPublisher(), rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', blobStore: keepNothingBlobStore(),
        logger: memoryLogger().logger, now: () => new Date(), readiness, metrics,
      });
      await connector.start();
      try {
        await waitFor('the mailbox to fail', async () => (readiness.get('capture:email:destek') === 'failed' ? true : null), 10_000, 20);
        const text = await metrics.scrape();
        assert.ok((sampleValue(parseExposition(text), 'intake_imap_reconnects_total', { mailbox: 'destek' }) ?? 0) >= 1);
        assert.equal(sampleValue(parseExposition(text), 'intake_ready', { stage: 'capture:email:destek' }), 0);
        assert.doesNotMatch(text, /ayse|example\.com|127\.0\.0\.1/);
      } finally {
        await connector.stop();
      }
      assert.equal(readiness.get('capture:email:destek'), 'stopping');
    });
  });
});
