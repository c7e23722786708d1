import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildReportsApp } from '../../reports/server.js';

const token = 'dashboard-files-token-0123456789';
const headers = { authorization: `Bearer ${token}` };

describe('dashboard files', () => {
  let app: FastifyInstance;

  before(() => {
    const sink = { report: async () => { throw new Error('not asked'); }, overview: async () => { throw new Error('not asked'); } };
    app = buildReportsApp({ sink, logger: pino({ level: 'silent' }), now: () => new Date(), tokens: { test: token } });
  });

  after(async () => {
    await app.close();
  });

  context('GET /dashboard', () => {
    it('serves the page with a strict CSP that loads its module and uPlot from this server', async () => {
      const page = await app.inject({ method: 'GET', url: '/dashboard', headers });
      assert.equal(page.statusCode, 200);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.match(String(page.headers['content-security-policy']), /script-src 'self';/);
      assert.match(page.body, /<script type="module" src="dashboard\/dashboard\.js">/);
      assert.match(page.body, /href="dashboard\/vendor\/uPlot\.min\.css"/);
    });

    it('redirects /dashboard/ to it, relatively', async () => {
      const response = await app.inject({ method: 'GET', url: '/dashboard/' });
      assert.deepEqual([response.statusCode, response.headers.location], [302, '../dashboard']);
    });
  });

  context('GET /dashboard/<file>', () => {
    it('serves its scripts and styles, and uPlot from node_modules', async () => {
      for (const [file, type, text] of [['dashboard.js', 'text/javascript', "from './charts.js'"], ['charts.js', 'text/javascript', "from './vendor/uPlot.esm.js'"], ['format.js', 'text/javascript', 'tr-TR'],
        ['dashboard.css', 'text/css', '.emergencies'], ['vendor/uPlot.esm.js', 'text/javascript', 'export { uPlot as default }'], ['vendor/uPlot.min.css', 'text/css', '.uplot']] as const) {
        const response = await app.inject({ method: 'GET', url: `/dashboard/${file}`, headers });
        assert.equal(response.statusCode, 200, file);
        assert.ok(String(response.headers['content-type']).startsWith(type), file);
        assert.ok(response.body.includes(text), file);
      }
    });

    it('serves nothing else: no other name, no path out of the folder', async () => {
      for (const url of ['/dashboard/index.html', '/dashboard/../package.json', '/dashboard/%2e%2e/%2e%2e/package.json', '/dashboard/vendor/uPlot.cjs.js', '/dashboard/toString', '/dashboard/__proto__']) {
        const response = await app.inject({ method: 'GET', url, headers });
        assert.equal(response.statusCode, 404, url);
      }
    });
  });
});
