/** pdf-parse is loaded at the first PDF, and leaves the process's own push and JSON.parse in place. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const library = new URL('../../../ocr/engine/pdf-library.js', import.meta.url).href;

describe('pdf-parse loader', () => {
  // In a process of its own: this suite's other files import pdf-parse directly.
  context('when a process loads pdf-parse through it', () => {
    it('has the native Array.prototype.push and JSON.parse afterwards, and the library works', async () => {
      const script = `
        const push = Array.prototype.push, parse = JSON.parse;
        const { pdfParse } = await import(${JSON.stringify(library)});
        const { PDFParse } = await pdfParse();
        const direct = await import('pdf-parse');
        process.stdout.write(JSON.stringify({ push: Array.prototype.push === push, parse: JSON.parse === parse, library: typeof PDFParse === 'function' && direct.PDFParse === PDFParse }));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../../../', import.meta.url) });
      assert.deepEqual(JSON.parse(stdout), { push: true, parse: true, library: true });
    });
  });

  context('when the daemon\'s modules are loaded', () => {
    it('leaves push and JSON.parse native, since no PDF has come yet', async () => {
      const daemon = new URL('../../../cli/daemon.js', import.meta.url).href;
      const script = `
        const push = Array.prototype.push, parse = JSON.parse;
        await import(${JSON.stringify(daemon)});
        process.stdout.write(JSON.stringify({ push: Array.prototype.push === push, parse: JSON.parse === parse }));`;
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('../../../', import.meta.url) });
      assert.deepEqual(JSON.parse(stdout), { push: true, parse: true });
    });
  });
});
