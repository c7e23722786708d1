import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, redactLogObject, type Logger } from '../../runtime/logger.js';
import { waitFor } from '../support/wait-for.js';

/** Flushes pino's destination; its callback can run before an asynchronous write reaches the file. */
async function flushed(logger: Logger): Promise<void> {
  await new Promise<void>((resolve, reject) => logger.flush((error) => (error ? reject(error) : resolve())));
}

describe('createLogger', () => {
  let dir: string;
  let file: string;
  let fd: number;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'intake-logger-test-'));
    file = join(dir, 'log.jsonl');
    fd = openSync(file, 'w');
  });

  /** Flushes, then waits until the file holds one whole line: every case here writes exactly one. */
  async function landed(logger: Logger): Promise<string> {
    await flushed(logger);
    return waitFor('the log line to reach the file', async () => {
      const text = readFileSync(file, 'utf8');
      return text.endsWith('\n') ? text : null;
    }, 5000, 5);
  }

  afterEach(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  });

  /** Logs `object` at info through a fresh logger writing to the temp file; returns the file's text. */
  async function logged(object: object, message = 'decided'): Promise<string> {
    const logger = createLogger({ level: 'info', destination: fd });
    logger.info(object, message);
    return landed(logger);
  }

  context('when a log object carries a national ID and a customer phone', () => {
    it('redacts both and keeps the item id', async () => {
      const text = await logged({ nationalId: '70226422252', customer: { phone: '+905321234567' }, itemId: 'x' });
      assert.ok(!text.includes('70226422252'), text);
      assert.ok(!text.includes('+905321234567'), text);
      assert.ok(!text.includes('905321234567'), text);
      const line = JSON.parse(text.trim().split('\n')[0] ?? '{}') as Record<string, unknown>;
      assert.equal(line.itemId, 'x');
      assert.equal(line.nationalId, '[redacted]');
      assert.equal(line.msg, 'decided');
      assert.equal(line.service, 'intake');
    });
  });

  context('when personal fields sit one or two levels down', () => {
    it('redacts them', async () => {
      const text = await logged({
        decision: { customer: { fullName: 'Ayşe Işık' }, description: 'Faturam yüksek' },
        outcome: { decision: { email: 'ayse@example.com', body: 'Merhaba' } },
        itemId: 'y',
      });
      for (const value of ['Ayşe', 'Faturam', 'ayse@example.com', 'Merhaba']) assert.ok(!text.includes(value), `${value} leaked: ${text}`);
      assert.ok(text.includes('"itemId":"y"'));
    });
  });

  context('when the configuration is logged', () => {
    it('redacts the secret keys', async () => {
      const text = await logged({
        config: { database: { url: 'postgres://intake:S3cretPassw0rd@db/intake' }, connectors: { webform: { staffApiKeys: { 'agent-1': '0123456789abcdef0123' } } } },
      }, 'config loaded');
      assert.ok(!text.includes('S3cretPassw0rd'), text);
      assert.ok(!text.includes('0123456789abcdef0123'), text);
    });
  });

  context('when a child logger carries bindings', () => {
    it('writes them on every line', async () => {
      const logger = createLogger({ level: 'info', destination: fd });
      logger.child({ component: 'normalizer', itemId: 'webform:1' }).info({ kind: 'crm' }, 'decided');
      const line = JSON.parse((await landed(logger)).trim()) as Record<string, unknown>;
      assert.equal(line.component, 'normalizer');
      assert.equal(line.itemId, 'webform:1');
      assert.equal(line.kind, 'crm');
    });
  });

  context('when a message is below the level', () => {
    it('does not write it', async () => {
      const logger = createLogger({ level: 'warn', destination: fd });
      logger.info({ itemId: 'z' }, 'decided');
      logger.warn({ itemId: 'w' }, 'slow');
      const text = await landed(logger);
      assert.ok(!text.includes('"z"'));
      assert.ok(text.includes('"w"'));
    });
  });

  context('when the destination is a writable stream', () => {
    it('writes the lines to that stream', async () => {
      const chunks: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk.toString('utf8'));
          callback();
        },
      });
      const logger = createLogger({ level: 'info', destination: stream });
      logger.info({ itemId: 'to-stream' }, 'decided');
      await flushed(logger);
      assert.ok(chunks.join('').includes('"itemId":"to-stream"'), 'the log line did not reach the stream');
    });
  });
});

describe('redactLogObject', () => {
  context('when built from the personal fields and config.schema.json', () => {
    it('covers the national ID at every depth used and the secret config keys', () => {
      const line = redactLogObject({
        nationalId: '70226422252', a: { nationalId: '1' }, b: { c: { nationalId: '2' } }, d: { e: { f: { nationalId: '3' } } },
        config: { database: { url: 'postgres://u:p@h/db' }, connectors: { webform: { staffApiKeys: { a: 'k' } } } },
      });
      assert.deepEqual(line, {
        nationalId: '[redacted]', a: { nationalId: '[redacted]' }, b: { c: { nationalId: '[redacted]' } }, d: { e: { f: { nationalId: '[redacted]' } } },
        config: { database: { url: '[redacted]' }, connectors: { webform: { staffApiKeys: '[redacted]' } } },
      });
    });

    it('hands back the very object when there is nothing to redact', () => {
      const line = { itemId: 'x', reasons: ['COMPLETE'], nested: { ms: 3 } };
      assert.equal(redactLogObject(line), line);
    });
  });
});
