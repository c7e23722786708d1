import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { createReportsServer } from '../../reports/index.js';
import { buildReportsApp, type ReportsDeps } from '../../reports/server.js';
import { IntakeError } from '../../runtime/errors.js';
import { openSink, type Report, type ReportQuery, type Sink } from '../../sink/index.js';
import { decision } from '../sink/decision-fixture.js';
import { memoryLogger } from '../support/memory-logger.js';
import { row, sampleDocument } from './report-document-fixture.js';

const now = new Date('2026-04-02T07:15:00.000Z');
const token = 'reports-test-token-0123456789';
const tokens = { dashboard: token };
const bearer = { authorization: `Bearer ${token}` };

/** A sink that answers every report with the sample and remembers what it was asked. */
function fakeSink(answer: () => Promise<Report> = async () => ({ rows: sampleDocument().rows, total: sampleDocument().total })): Pick<Sink, 'report' | 'overview'> & { queries: ReportQuery[] } {
  const queries: ReportQuery[] = [];
  return { queries, report: async (query) => (queries.push(query), answer()), overview: async () => ({ flow: [], openEmergencies: { total: 0, items: [] } }) };
}

/** The app with this file's operator token. */
function appOf(deps: Omit<ReportsDeps, 'tokens'>): FastifyInstance {
  return buildReportsApp({ ...deps, tokens });
}

const serverConfig = { enabled: true, host: '127.0.0.1', port: 0, tokens, databaseUrl: null };

describe('reports server', () => {
  let app: FastifyInstance;
  let sink: ReturnType<typeof fakeSink>;

  beforeEach(() => {
    sink = fakeSink();
    app = appOf({ sink, logger: pino({ level: 'silent' }), now: () => now });
  });

  afterEach(async () => {
    await app.close();
  });

  describe('GET /v1/reports', () => {
    context('when the parameters are good', () => {
      it('answers 200 with by, from, to, generatedAt, rows and total', async () => {
        const response = await app.inject({ method: 'GET', url: '/v1/reports?by=unit&from=2026-03-01&to=2026-04-01', headers: bearer });
        assert.equal(response.statusCode, 200);
        assert.equal(response.headers['cache-control'], 'no-store');
        assert.deepEqual(response.json(), sampleDocument());
      });

      it('asks the sink with the parsed bounds and the injected now', async () => {
        await app.inject({ method: 'GET', url: '/v1/reports?by=region&from=2026-03-01T09:00:00Z', headers: bearer });
        assert.deepEqual(sink.queries, [{ by: 'region', from: new Date('2026-03-01T09:00:00Z'), to: null, now }]);
      });
    });

    context('when a parameter is bad', () => {
      it('answers 400 with our error body naming each bad parameter, and asks nothing', async () => {
        const response = await app.inject({ method: 'GET', url: '/v1/reports?by=district&from=2026-02-30', headers: bearer });
        assert.equal(response.statusCode, 400);
        const body = response.json<{ error: { code: string; fields: Array<{ path: string }> } }>();
        assert.equal(body.error.code, 'INTAKE_REQUEST_INVALID');
        assert.deepEqual(body.error.fields.map((f) => f.path), ['by', 'from']);
        assert.equal(sink.queries.length, 0);
      });
    });

    context('finding 5: when a date is out of range', () => {
      it('answers 400, not 500', async () => {
        for (const url of ['/v1/reports?by=unit&from=0000-01-01', '/v1/reports?by=unit&to=9999-12-31T23:59:59-14:00']) {
          const response = await app.inject({ method: 'GET', url, headers: bearer });
          assert.equal(response.statusCode, 400, url);
        }
        assert.equal(sink.queries.length, 0);
      });
    });

    context('when a parameter is unknown or repeated', () => {
      it('answers 400 rather than ignoring it', async () => {
        const unknown = await app.inject({ method: 'GET', url: '/v1/reports?by=unit&group=region', headers: bearer });
        const repeated = await app.inject({ method: 'GET', url: '/v1/reports?by=unit&by=region', headers: bearer });
        assert.deepEqual(unknown.json<{ error: { fields: unknown } }>().error.fields, [{ path: 'group', message: 'is not a known parameter' }]);
        assert.equal(repeated.statusCode, 400);
      });
    });

    context('when the database does not answer', () => {
      it('answers 503 with Retry-After', async () => {
        const down = appOf({ sink: fakeSink(async () => { throw new IntakeError('INTAKE_DB_UNAVAILABLE', 'down'); }), logger: pino({ level: 'silent' }), now: () => now });
        const response = await down.inject({ method: 'GET', url: '/v1/reports?by=unit', headers: bearer });
        await down.close();
        assert.equal(response.statusCode, 503);
        assert.equal(response.headers['retry-after'], '5');
        assert.equal(response.json<{ error: { code: string } }>().error.code, 'INTAKE_DB_UNAVAILABLE');
      });
    });

    context('when the sink fails unexpectedly', () => {
      it('answers 500 INTAKE_INTERNAL and logs it', async () => {
        const { logger, lines } = memoryLogger();
        const broken = appOf({ sink: fakeSink(async () => { throw new Error('bug'); }), logger, now: () => now });
        const response = await broken.inject({ method: 'GET', url: '/v1/reports?by=unit', headers: bearer });
        await broken.close();
        assert.deepEqual([response.statusCode, response.json<{ error: { code: string } }>().error.code], [500, 'INTAKE_INTERNAL']);
        assert.match(lines(), /unexpected error/);
      });
    });
  });

  describe('GET /healthz', () => {
    it('answers 200', async () => {
      const response = await app.inject({ method: 'GET', url: '/healthz' });
      assert.deepEqual([response.statusCode, response.json()], [200, { status: 'ok' }]);
    });
  });

  context('when another route is asked for', () => {
    it('answers 404 with our error body', async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/applications', headers: bearer });
      assert.equal(response.statusCode, 404);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'INTAKE_REQUEST_INVALID');
    });
  });
});

describe('createReportsServer', () => {
  context('when configured with port 0', () => {
    it('listens on a free port, says where, and stops', async () => {
      const server = createReportsServer(serverConfig, { sink: fakeSink(async () => ({ rows: [], total: row('(total)') })), logger: pino({ level: 'silent' }), now: () => now });
      assert.equal(server.endpoint(), null);
      await server.start();
      try {
        const endpoint = server.endpoint();
        assert.match(endpoint ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
        const response = await fetch(`${endpoint}/v1/reports?by=channel`, { headers: bearer });
        assert.equal(response.status, 200);
        assert.deepEqual(((await response.json()) as { rows: unknown[] }).rows, []);
      } finally {
        await server.stop();
      }
      await assert.rejects(fetch(`${server.endpoint()}/healthz`));
    });
  });

  context('when the port is taken', () => {
    it('fails to start with INTAKE_INFRA_FAILED naming the address', async () => {
      const deps = { sink: fakeSink(), logger: pino({ level: 'silent' }), now: () => now };
      const first = createReportsServer(serverConfig, deps);
      await first.start();
      try {
        const port = Number(new URL(first.endpoint() ?? '').port);
        const second = createReportsServer({ ...serverConfig, port }, deps);
        await assert.rejects(second.start(), (e: unknown) => e instanceof IntakeError && e.code === 'INTAKE_INFRA_FAILED' && e.message.includes(`127.0.0.1:${port} (EADDRINUSE)`));
        await second.stop();
      } finally {
        await first.stop();
      }
    });
  });
});

describe('reports server over a real sink (in-memory PGlite)', () => {
  let sink: Sink;
  let app: FastifyInstance;

  before(async () => {
    sink = await openSink({ databaseUrl: null, embeddedDir: null });
    await sink.record(decision('crm', '2026-03-02T09:00:00Z'), now);
    await sink.record(decision('archive-only', '2026-03-03T09:00:00Z'), now);
    app = appOf({ sink, logger: pino({ level: 'silent' }), now: () => now });
  });

  after(async () => {
    await app?.close();
    await sink?.close();
  });

  context('when a dashboard asks for the month by region', () => {
    it('answers with the recorded counts', async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/reports?by=region&from=2026-03-01&to=2026-04-01', headers: bearer });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), {
        by: 'region', from: '2026-02-28T21:00:00.000Z', to: '2026-03-31T21:00:00.000Z', generatedAt: now.toISOString(),
        // The crm record's deadline (03-05 09:00) is past at now and it is not resolved.
        rows: [row('Kadıköy', { total: 2, crm: 1, archiveOnly: 1, open: 1, overdue: 1 })],
        total: row('(total)', { total: 2, crm: 1, archiveOnly: 1, open: 1, overdue: 1 }),
      });
    });
  });
});
