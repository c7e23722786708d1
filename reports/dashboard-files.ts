/**
 * The dashboard's files, served as they are (no build step): `reports/dashboard/` from the source
 * tree, and uPlot's ES module and style sheet from node_modules. Only the files named here are
 * served, so no request path ever reaches the file system.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

// tsc does not copy these into dist/: from dist/reports/*.js we read the source tree's folder.
const DASHBOARD_DIR = new URL('../../reports/dashboard/', import.meta.url);
const require = createRequire(import.meta.url);

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Served path under /dashboard/ → file and content type. */
const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  'dashboard.js': { file: fileURLToPath(new URL('dashboard.js', DASHBOARD_DIR)), type: JS },
  'dashboard.css': { file: fileURLToPath(new URL('dashboard.css', DASHBOARD_DIR)), type: CSS },
  'format.js': { file: fileURLToPath(new URL('format.js', DASHBOARD_DIR)), type: JS },
  'charts.js': { file: fileURLToPath(new URL('charts.js', DASHBOARD_DIR)), type: JS },
  'vendor/uPlot.esm.js': { file: require.resolve('uplot/dist/uPlot.esm.js'), type: JS },
  'vendor/uPlot.min.css': { file: require.resolve('uplot/dist/uPlot.min.css'), type: CSS },
};
const INDEX = fileURLToPath(new URL('index.html', DASHBOARD_DIR));

/**
 * Scripts, styles and data from this server only; uPlot sets element styles through the CSSOM,
 * which style-src does not govern, so no 'unsafe-inline' is needed.
 */
export const DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** Registers GET /dashboard and GET /dashboard/<file>. The auth hook guards both. */
export function registerDashboardFiles(app: FastifyInstance): void {
  // Read once, on first use: a few hundred KB in all.
  const cache = new Map<string, Promise<Buffer>>();
  const read = (file: string): Promise<Buffer> => {
    let content = cache.get(file);
    if (content === undefined) {
      content = readFile(file);
      cache.set(file, content);
      void content.catch(() => cache.delete(file));
    }
    return content;
  };

  app.get('/dashboard', async (_request, reply) =>
    reply.header('content-security-policy', DASHBOARD_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(await read(INDEX)));

  app.get<{ Params: { '*': string } }>('/dashboard/*', async (request, reply) => {
    const entry = Object.hasOwn(FILES, request.params['*']) ? FILES[request.params['*']] : undefined;
    if (entry === undefined) return reply.callNotFound();
    // Behind sign-in: the browser may keep them, but must ask again before using them.
    return reply.header('cache-control', 'private, no-cache').type(entry.type).send(await read(entry.file));
  });
}
