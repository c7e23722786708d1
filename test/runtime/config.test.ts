import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, secretPaths } from '../../runtime/config.js';
import { expectIntakeError } from '../support/intake-error.js';

describe('loadConfig', () => {
  let dir: string;
  let fileNumber = 0;

  /** Writes `content` (a string as is, anything else as JSON) to a fresh file under the temp dir. */
  function configFile(content: unknown): string {
    fileNumber += 1;
    const file = join(dir, `config-${fileNumber}.json`);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'intake-config-test-'));
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  context('when there is neither file nor environment', () => {
    it('applies the embedded defaults', () => {
      const config = loadConfig({});
      assert.equal(config.kafka.brokers, null);
      assert.deepEqual({ ...config.kafka.topics }, {
        raw: 'intake.raw.v1',
        crm: 'intake.crm.v1',
        needsInfo: 'intake.needs-info.v1',
        archiveOnly: 'intake.archive-only.v1',
        ignored: 'intake.ignored.v1',
        deadLetter: 'intake.dead-letter.v1',
        transcription: 'intake.transcription.v1',
        ocr: 'intake.ocr.v1',
        media: 'intake.media.v1',
        emergency: 'intake.emergency.v1',
      });
      assert.equal(config.connectors.webform.port, 8080);
      assert.equal(config.connectors.webform.host, '127.0.0.1');
      assert.deepEqual({ ...config.connectors.webform.staffApiKeys }, {});
      assert.equal(config.database.url, null);
      assert.equal(config.log.level, 'info');
      assert.equal(config.dataDir, '.intake');
      assert.equal(config.normalizer.retry.attempts, 8);
    });

    it('does not read process.env', () => {
      const saved = process.env.INTAKE_WEBFORM_PORT;
      process.env.INTAKE_WEBFORM_PORT = '9999';
      try {
        assert.equal(loadConfig({}).connectors.webform.port, 8080);
      } finally {
        if (saved === undefined) delete process.env.INTAKE_WEBFORM_PORT;
        else process.env.INTAKE_WEBFORM_PORT = saved;
      }
    });
  });

  context('when a file sets some keys', () => {
    it('keeps them and fills in the rest', () => {
      const config = loadConfig({ file: configFile({ kafka: { brokers: ['kafka-1:9092'], topics: { raw: 'raw.test' } } }) });
      assert.deepEqual([...(config.kafka.brokers ?? [])], ['kafka-1:9092']);
      assert.equal(config.kafka.topics.raw, 'raw.test');
      assert.equal(config.kafka.topics.crm, 'intake.crm.v1');
    });

    it('accepts an empty object', () => {
      assert.equal(loadConfig({ file: configFile({}) }).connectors.webform.port, 8080);
    });
  });

  context('when the file has an unknown key', () => {
    it('throws INTAKE_CONFIG_INVALID naming the key path', () => {
      const file = configFile({ kafka: { topics: { rawTopic: 'x' } } });
      const error = expectIntakeError(() => loadConfig({ file }), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /kafka\.topics\.rawTopic: is not a known field/);
      assert.ok(error.message.includes(file));
    });
  });

  context('when the file has several bad keys', () => {
    it('lists every one of them', () => {
      const file = configFile({ bogus: 1, log: { level: 'loud' }, kafka: { partitions: 0 }, connectors: { webform: { port: 'http' } } });
      const error = expectIntakeError(() => loadConfig({ file }), 'INTAKE_CONFIG_INVALID');
      for (const path of ['bogus', 'log.level', 'kafka.partitions', 'connectors.webform.port']) {
        assert.ok(error.message.includes(`${path}:`), `${path} is not in: ${error.message}`);
      }
      const problems = error.details.problems as string[];
      assert.ok(problems.length >= 4);
    });
  });

  context('when KAFKA_BROKERS lists brokers', () => {
    it('parses the comma-separated list into an array', () => {
      const config = loadConfig({ env: { KAFKA_BROKERS: 'a:1,b:2' } });
      assert.deepEqual([...(config.kafka.brokers ?? [])], ['a:1', 'b:2']);
    });

    it('ignores spaces and empty entries', () => {
      const config = loadConfig({ env: { KAFKA_BROKERS: ' a:1 , ,b:2,' } });
      assert.deepEqual([...(config.kafka.brokers ?? [])], ['a:1', 'b:2']);
    });

    it('wins over the file', () => {
      const config = loadConfig({ file: configFile({ kafka: { brokers: ['file:1'] } }), env: { KAFKA_BROKERS: 'env:2' } });
      assert.deepEqual([...(config.kafka.brokers ?? [])], ['env:2']);
    });
  });

  context('when an environment variable is empty', () => {
    it('is treated as unset', () => {
      assert.equal(loadConfig({ env: { KAFKA_BROKERS: '', INTAKE_WEBFORM_PORT: '' } }).kafka.brokers, null);
    });
  });

  context('when INTAKE_WEBFORM_PORT is a number', () => {
    it('sets the port as an integer', () => {
      assert.equal(loadConfig({ env: { INTAKE_WEBFORM_PORT: '8081' } }).connectors.webform.port, 8081);
    });
  });

  context('when an environment variable has a bad value', () => {
    it('names both the key path and the variable', () => {
      const error = expectIntakeError(() => loadConfig({ env: { INTAKE_WEBFORM_PORT: 'abc' } }), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /connectors\.webform\.port/);
      assert.match(error.message, /INTAKE_WEBFORM_PORT/);
    });

    it('names the variable for a bad broker entry', () => {
      const error = expectIntakeError(() => loadConfig({ env: { KAFKA_BROKERS: 'no-port' } }), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /kafka\.brokers\.0 \(from KAFKA_BROKERS\)/);
    });
  });

  context('when INTAKE_STAFF_API_KEYS is set', () => {
    it('parses name=key pairs into an object', () => {
      const config = loadConfig({ env: { INTAKE_STAFF_API_KEYS: 'agent-1=0123456789abcdef0123' } });
      assert.deepEqual({ ...config.connectors.webform.staffApiKeys }, { 'agent-1': '0123456789abcdef0123' });
    });

    it('parses several pairs and keeps an = inside a key', () => {
      const config = loadConfig({ env: { INTAKE_STAFF_API_KEYS: 'agent-1=0123456789abcdef0123, clerk-kadikoy=abcdefghijklmnop==' } });
      assert.deepEqual({ ...config.connectors.webform.staffApiKeys }, { 'agent-1': '0123456789abcdef0123', 'clerk-kadikoy': 'abcdefghijklmnop==' });
    });

    it('rejects a key that is too short without echoing it', () => {
      const error = expectIntakeError(() => loadConfig({ env: { INTAKE_STAFF_API_KEYS: 'agent-1=tooShortKey9' } }), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /connectors\.webform\.staffApiKeys\.agent-1 \(from INTAKE_STAFF_API_KEYS\)/);
      assert.ok(!error.message.includes('tooShortKey9'), error.message);
    });
  });

  context('when DATABASE_URL has a bad value', () => {
    it('names the path and the variable but never echoes the value', () => {
      const secret = 'mysql://intake:S3cretPassw0rd@db.internal:3306/intake';
      const error = expectIntakeError(() => loadConfig({ env: { DATABASE_URL: secret } }), 'INTAKE_CONFIG_INVALID');
      assert.match(error.message, /database\.url \(from DATABASE_URL\)/);
      assert.ok(!error.message.includes('S3cretPassw0rd'), error.message);
      assert.ok(!error.message.includes('db.internal'), error.message);
      assert.ok(!JSON.stringify(error.details).includes('S3cretPassw0rd'));
    });
  });

  context('when DATABASE_URL is a PostgreSQL URL', () => {
    it('sets database.url', () => {
      assert.equal(loadConfig({ env: { DATABASE_URL: 'postgres://intake@localhost/intake' } }).database.url, 'postgres://intake@localhost/intake');
    });
  });

  context('when the configuration is loaded', () => {
    it('freezes it all the way down', () => {
      const config = loadConfig({ env: { KAFKA_BROKERS: 'a:1', INTAKE_STAFF_API_KEYS: 'agent-1=0123456789abcdef0123' } });
      for (const node of [config, config.kafka, config.kafka.topics, config.kafka.brokers, config.connectors, config.connectors.webform, config.connectors.webform.staffApiKeys, config.normalizer.retry]) {
        assert.ok(Object.isFrozen(node));
      }
      assert.throws(() => {
        (config.kafka.topics as { raw: string }).raw = 'changed';
      }, TypeError);
      assert.throws(() => {
        (config.kafka.brokers as string[]).push('c:3');
      }, TypeError);
      assert.equal(config.kafka.topics.raw, 'intake.raw.v1');
    });

    it('gives independent results on each call', () => {
      const first = loadConfig({ env: { INTAKE_WEBFORM_PORT: '8081' } });
      const second = loadConfig({});
      assert.equal(first.connectors.webform.port, 8081);
      assert.equal(second.connectors.webform.port, 8080);
    });
  });

  context('when the file is not JSON', () => {
    it('throws INTAKE_CONFIG_UNREADABLE', () => {
      const file = configFile('kafka:\n  brokers: [a:1]\n');
      const error = expectIntakeError(() => loadConfig({ file }), 'INTAKE_CONFIG_UNREADABLE');
      assert.ok(error.message.includes(file));
    });

    it('does not quote a secret from the file in the message', () => {
      // A single-quoted value is a common slip; V8's JSON.parse error quotes the text around it.
      const file = configFile(`{"connectors":{"webform":{"staffApiKeys":{"agent-1":'s3cretKEYs3cretKEY'}}}}`);
      const error = expectIntakeError(() => loadConfig({ file }), 'INTAKE_CONFIG_UNREADABLE');
      assert.ok(!error.message.includes('s3cretKEY'), error.message);
    });
  });

  context('when the file does not exist', () => {
    it('throws INTAKE_CONFIG_UNREADABLE with the system error code', () => {
      const error = expectIntakeError(() => loadConfig({ file: join(dir, 'missing.json') }), 'INTAKE_CONFIG_UNREADABLE');
      assert.match(error.message, /ENOENT/);
    });
  });

  context('when the file holds JSON that is not an object', () => {
    it('throws INTAKE_CONFIG_INVALID', () => {
      for (const content of ['[]', 'null', '"x"', '3']) expectIntakeError(() => loadConfig({ file: configFile(content) }), 'INTAKE_CONFIG_INVALID');
    });
  });
});

describe('secretPaths', () => {
  context('when read off config.schema.json', () => {
    it('lists the database URL and the staff API keys', () => {
      assert.ok(secretPaths.includes('database.url'));
      assert.ok(secretPaths.includes('connectors.webform.staffApiKeys'));
    });
  });
});
