import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntakeError } from '../../runtime/errors.js';
import { lockDataDir } from '../../sink/embedded-dir-lock.js';

const LOCK_FILE = 'gas-intake-sink.lock';

function isInfraFailed(error: unknown): boolean {
  return error instanceof IntakeError && error.code === 'INTAKE_INFRA_FAILED';
}

describe('embedded-dir-lock', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sink-lock-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  context('when the dir is free', () => {
    it('writes our pid, and removes the file on release', async () => {
      const release = await lockDataDir(dir);
      assert.equal(await readFile(join(dir, LOCK_FILE), 'utf8'), String(process.pid));
      await release();
      await assert.rejects(readFile(join(dir, LOCK_FILE)), { code: 'ENOENT' });
    });
  });

  context('when this process already holds the dir', () => {
    it('refuses a second lock', async () => {
      const release = await lockDataDir(dir);
      try {
        await assert.rejects(lockDataDir(dir), isInfraFailed);
      } finally {
        await release();
      }
    });
  });

  context('when another live process holds the dir', () => {
    it('refuses with INTAKE_INFRA_FAILED', async () => {
      await writeFile(join(dir, LOCK_FILE), String(process.ppid));
      await assert.rejects(lockDataDir(dir), isInfraFailed);
    });
  });

  context('when the holder died without releasing', () => {
    it('takes the lock over', async () => {
      const dead = spawnSync(process.execPath, ['-e', '']).pid;
      await writeFile(join(dir, LOCK_FILE), String(dead));
      const release = await lockDataDir(dir);
      assert.equal(await readFile(join(dir, LOCK_FILE), 'utf8'), String(process.pid));
      await release();
    });
  });

  context('when the lock names our own pid from an earlier life (a restarted container)', () => {
    it('takes the lock over', async () => {
      await writeFile(join(dir, LOCK_FILE), String(process.pid));
      const release = await lockDataDir(dir);
      await release();
    });
  });
});
