/** `intake replay` of SMS fixtures: posted to the local endpoint, signed over the public URL as Twilio signs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaySmsFile, twilioReplayTarget } from '../../../connectors/twilio/replay.js';
import { fixturesRoot } from '../../support/fixtures.js';
import { testAuthToken } from '../../support/twilio-signer.js';
import { publicBaseUrl, startTwilioWebhook, twilioSettings, type RunningWebhook } from '../../support/twilio-webhook.js';
import { IntakeError } from '../../../runtime/errors.js';

const fixture = (name: string): Buffer => readFileSync(join(fixturesRoot, 'sms', `${name}.sms.json`));

describe('connectors/twilio replay', () => {
  let hook: RunningWebhook;
  beforeEach(async () => { hook = await startTwilioWebhook(); });
  afterEach(() => hook.close());

  it('posts a fixture the running connector accepts, and says its item id', async () => {
    const result = await replaySmsFile(fixture('gas-smell-short-emergency'), { endpoint: '', staffApiKey: null, mailbox: null, twilio: { endpoint: hook.endpoint, publicBaseUrl, authToken: testAuthToken } });
    assert.equal(result.status, 200);
    assert.equal(result.itemId, hook.items()[0]?.itemId);
  });

  it('is refused when signed with the wrong token', async () => {
    const result = await replaySmsFile(fixture('gas-smell-short-emergency'), { endpoint: '', staffApiKey: null, mailbox: null, twilio: { endpoint: hook.endpoint, publicBaseUrl, authToken: 'not-the-token-0000000000000000' } });
    assert.equal(result.status, 403);
    assert.equal(result.itemId, null);
  });

  it('needs a Twilio target', async () => {
    await assert.rejects(replaySmsFile(fixture('gas-smell-short-emergency'), { endpoint: '', staffApiKey: null, mailbox: null }), (error: unknown) => error instanceof IntakeError && error.code === 'INTAKE_CONFIG_INVALID');
  });

  it('builds its target from the configuration', () => {
    assert.deepEqual(twilioReplayTarget({ ...twilioSettings(), port: 8082 }), { endpoint: 'http://127.0.0.1:8082', publicBaseUrl, authToken: testAuthToken });
    assert.equal(twilioReplayTarget({ ...twilioSettings(), authToken: null }), null);
  });
});
