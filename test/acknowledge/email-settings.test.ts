import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emailAcknowledgementSettings, smtpOptionsOf } from '../../acknowledge/email-settings.js';
import { loadConfig, secretPaths } from '../../runtime/config.js';
import { expectIntakeError } from '../support/intake-error.js';

describe('e-mail acknowledgement settings', () => {
  let dir: string;
  const load = (email: Record<string, unknown>, env: Record<string, string> = {}): ReturnType<typeof loadConfig> => {
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ acknowledgements: { email } }));
    return loadConfig({ file, env });
  };

  before(() => { dir = mkdtempSync(join(tmpdir(), 'ack-config-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  context('when nothing is configured', () => {
    it('is off, with its own consumer group', () => {
      const email = loadConfig({}).acknowledgements.email;
      assert.equal(email.enabled, false);
      assert.equal(email.consumerGroup, 'intake-acknowledge-email');
      assert.equal(email.smtp.host, null);
    });
  });

  context('when enabled without an SMTP host or a From', () => {
    it('stops startup naming each key', () => {
      const error = expectIntakeError(() => load({ enabled: true }), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /acknowledgements\.email\.smtp: is required/);
      assert.match(error.message, /acknowledgements\.email\.from: is required/);
      assert.match(expectIntakeError(() => load({ enabled: true, smtp: { port: 25 }, from: 'basvuru@igdas.example' }), 'INTAKE_CONFIG_INVALID').message, /acknowledgements\.email\.smtp\.host: is required/);
    });
  });

  context('when enabled with a user but no password', () => {
    it('stops startup naming the password key, and takes it from INTAKE_SMTP_PASSWORD', () => {
      const email = { enabled: true, smtp: { host: 'smtp.example', user: 'basvuru' }, from: 'basvuru@igdas.example' };
      assert.match(expectIntakeError(() => load(email), 'INTAKE_CONFIG_INVALID').message, /acknowledgements\.email\.password: is required/);
      const loaded = load(email, { INTAKE_SMTP_PASSWORD: 's3cret' }).acknowledgements.email;
      assert.deepEqual(smtpOptionsOf(loaded).auth, { user: 'basvuru', password: 's3cret' });
    });

    it('treats the password as a secret', () => {
      assert.ok(secretPaths.includes('acknowledgements.email.password'));
    });
  });

  context('when the From holds no address', () => {
    it('stops startup naming the key', () => {
      assert.match(expectIntakeError(() => load({ from: 'İGDAŞ Çağrı Merkezi' }), 'INTAKE_CONFIG_INVALID').message, /acknowledgements\.email\.from: must match pattern/);
    });
  });

  context('when the From has a display name', () => {
    it('signs with the name and counts the address as ours', () => {
      const settings = emailAcknowledgementSettings({ from: '"İGDAŞ Çağrı Merkezi" <Basvuru@IGDAS.example>', ownAddresses: [], ownDomains: [], maxAgeHours: 24 });
      assert.equal(settings.from.name, 'İGDAŞ Çağrı Merkezi');
      assert.equal(settings.from.address, 'Basvuru@igdas.example');
      assert.ok(settings.own.addresses.has('basvuru@igdas.example'));
    });
  });
});
