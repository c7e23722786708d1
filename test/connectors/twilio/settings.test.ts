import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { twilioConnector } from '../../../connectors/twilio/index.js';
import { keepNothingBlobStore } from '../../../runtime/blob-store.js';
import { loadConfig, secretPaths } from '../../../runtime/config.js';
import { createReadiness } from '../../../runtime/readiness.js';
import { expectIntakeError } from '../../support/intake-error.js';
import { memoryLogger } from '../../support/memory-logger.js';
import { RecordingPublisher } from '../../support/recording-publisher.js';
import { testAccountSid, testAuthToken } from '../../support/twilio-signer.js';

describe('connectors/twilio configuration', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'intake-twilio-config-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const configFile = (content: unknown): string => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify(content));
    return file;
  };

  it('is off by default, on 127.0.0.1:8082, answering with TwiML only for emergencies', () => {
    const config = loadConfig({}).connectors.twilio;
    assert.equal(config.enabled, false);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.port, 8082);
    assert.deepEqual({ ...config.replies }, { emergencyAdvice: true, receipt: false });
    assert.deepEqual([...config.media.origins], ['https://api.twilio.com']);
  });

  it('reads the account from the environment and keeps the auth token secret', () => {
    const env = { INTAKE_TWILIO_PUBLIC_BASE_URL: 'https://intake.example.com', INTAKE_TWILIO_ACCOUNT_SID: testAccountSid, INTAKE_TWILIO_AUTH_TOKEN: testAuthToken, INTAKE_TWILIO_PORT: '9090' };
    const config = loadConfig({ file: configFile({ connectors: { twilio: { enabled: true } } }), env }).connectors.twilio;
    assert.equal(config.publicBaseUrl, 'https://intake.example.com');
    assert.equal(config.authToken, testAuthToken);
    assert.equal(config.port, 9090);
    assert.ok(secretPaths.includes('connectors.twilio.authToken'));
  });

  context('when enabled without what it needs', () => {
    it('stops startup naming each missing key', () => {
      const error = expectIntakeError(() => loadConfig({ file: configFile({ connectors: { twilio: { enabled: true } } }) }), 'INTAKE_CONFIG_INVALID');
      for (const key of ['publicBaseUrl', 'accountSid', 'authToken']) assert.match(error.message, new RegExp(`connectors\\.twilio\\.${key}`));
    });

    it('refuses a public URL with a fragment, naming the key and the variable but not the value', () => {
      const error = expectIntakeError(() => loadConfig({ env: { INTAKE_TWILIO_PUBLIC_BASE_URL: 'https://intake.example.com/sms#rc=3' } }), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /connectors\.twilio\.publicBaseUrl \(from INTAKE_TWILIO_PUBLIC_BASE_URL\)/);
      assert.doesNotMatch(error.message, /rc=3/);
    });

    it('refuses to build the connector without them, naming the key and its variable', () => {
      const config = { ...loadConfig({}).connectors.twilio, enabled: true };
      const deps = { publisher: new RecordingPublisher(), rawTopic: 'raw', emergencyTopic: 'emergency', deadLetterTopic: 'dead-letter', blobStore: keepNothingBlobStore(), logger: memoryLogger().logger, now: () => new Date(), readiness: createReadiness() };
      const error = expectIntakeError(() => twilioConnector.create(config, deps), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /connectors\.twilio\.publicBaseUrl \(INTAKE_TWILIO_PUBLIC_BASE_URL\)/);
    });
  });
});
