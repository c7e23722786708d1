/**
 * terminate() ends every worker thread, so a process that is done can exit; and the engine runs
 * with the network taken away, so nothing is downloaded (no language data, no wasm core).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = (name: string): string => fileURLToPath(new URL(name, import.meta.url));

describe('ocr/engine terminate', function () {
  this.timeout(60_000);

  it('lets the process exit on its own, having read a page with no network and written nothing into its working directory', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'ocr-engine-exit-'));
    try {
      const child = spawn(process.execPath, ['--import', here('no-network.js'), here('engine-child.js')], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
      child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      // A child that hangs fails the test by mocha's timeout; this only makes sure it does not outlive the run.
      const reaper = setTimeout(() => child.kill(), 55_000).unref();
      const code = await new Promise<number | null>((resolve) => child.on('exit', (exitCode) => resolve(exitCode)));
      clearTimeout(reaper);
      assert.equal(code, 0, stderr);
      assert.deepEqual(JSON.parse(stdout), { networkRefused: true, reading: { ok: true, text: 'Sayaç okuma talebi' } });
      assert.equal(stderr, '');
      assert.deepEqual(await readdir(cwd), []);
    } finally {
      await rm(cwd, { recursive: true, force: true });
    }
  });
});
