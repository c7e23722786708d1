// Failures startKafka must report before any broker exists: no Java, Maven or download needed.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startKafka } from '../../../infra/kafka/launcher.js';
import { IntakeError } from '../../../runtime/errors.js';

function infraFailed(pattern: RegExp): (error: unknown) => boolean {
  return (error) => error instanceof IntakeError && error.code === 'INTAKE_INFRA_FAILED' && pattern.test(error.message);
}

/** Listens on an ephemeral loopback port until closed. */
async function occupyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen({ host: '127.0.0.1', port: 0 }, resolve));
  const port = (srv.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => srv.close(() => resolve())) };
}

describe('startKafka', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-launcher-'));
  });

  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  context('when a port is out of range', () => {
    it('rejects with INTAKE_INFRA_FAILED naming the option', async () => {
      await assert.rejects(startKafka({ dir, port: 70000 }), infraFailed(/invalid port 70000/));
      await assert.rejects(startKafka({ dir, port: 19500, controllerPort: 0 }), infraFailed(/invalid controllerPort 0/));
    });
  });

  context('when port and controllerPort are equal', () => {
    it('rejects with INTAKE_INFRA_FAILED', async () => {
      await assert.rejects(startKafka({ dir, port: 19500, controllerPort: 19500 }), infraFailed(/must differ \(both 19500\)/));
    });
  });

  context('when another process holds the port', () => {
    it('refuses with INTAKE_INFRA_FAILED instead of spawning a broker that cannot bind', async () => {
      const taken = await occupyPort();
      try {
        await assert.rejects(startKafka({ dir, port: taken.port }), infraFailed(new RegExp(`port 127\\.0\\.0\\.1:${taken.port} is already in use`)));
        assert.equal(fs.existsSync(path.join(dir, 'kafka.pid')), false, 'no broker recorded');
        assert.equal(fs.existsSync(path.join(dir, 'start.lock')), false, 'start lock released');
      } finally {
        await taken.close();
      }
    });
  });

  context('when JAVA_HOME points at no Java', () => {
    const saved = process.env.JAVA_HOME;
    afterEach(() => {
      if (saved === undefined) delete process.env.JAVA_HOME;
      else process.env.JAVA_HOME = saved;
    });

    it('rejects with INTAKE_INFRA_FAILED saying which Java it tried and keeps the spawn error as cause', async () => {
      const a = await occupyPort();
      const b = await occupyPort();
      await a.close();
      await b.close();
      process.env.JAVA_HOME = path.join(dir, 'no-jdk');
      const error: unknown = await startKafka({ dir, port: a.port, controllerPort: b.port }).then(
        () => assert.fail('started without Java'),
        (e: unknown) => e,
      );
      assert.ok(infraFailed(/Java not found: tried JAVA_HOME\/bin\/java .*needs Java 17\+/)(error), String(error));
      assert.equal(((error as IntakeError).cause as NodeJS.ErrnoException).code, 'ENOENT');
    });
  });
});
