import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { readCookie, SESSION_COOKIE } from '../../reports/auth.js';
import { createReportsServer } from '../../reports/index.js';
import { buildReportsApp } from '../../reports/server.js';
import type { Sink } from '../../sink/index.js';
import { memoryLogger } from '../support/memory-logger.js';
import { sampleDocument } from './report-document-fixture.js';

const now = new Date('2026-04-02T07:15:00.000Z');
const token = 'wall-screen-token-0123456789';
const sink: Pick<Sink, 'report' | 'overview'> = {
  report: async () => ({ rows: sampleDocument().rows, total: sampleDocument().total }),
  overview: async () => ({ flow: [], openEmergencies: { total: 0, items: [] } }),
};
const protectedRoutes = ['/v1/reports?by=unit', '/v1/overview', '/dashboard', '/dashboard/dashboard.js', '/dashboard/vendor/uPlot.esm.js', '/metrics', '/readyz', '/no-such-route'];

function errorOf(response: LightMyRequestResponse): { code: string; message: string } {
  return response.json<{ error: { code: string; message: string } }>().error;
}

function sessionOf(response: LightMyRequestResponse): string {
  const value = readCookie(String(response.headers['set-cookie'] ?? '').split(';')[0], SESSION_COOKIE);
  assert.ok(value, 'a session cookie');
  return value;
}

describe('operator access to the reports server', () => {
  context('when no operator token is configured', () => {
    let app: FastifyInstance;
    const { logger, lines } = memoryLogger();

    before(() => {
      app = buildReportsApp({ sink, logger, now: () => now, tokens: {} });
    });

    after(async () => {
      await app.close();
    });

    it('answers 401 on every route but /healthz, naming INTAKE_OPERATOR_TOKENS', async () => {
      for (const url of protectedRoutes.filter((u) => u !== '/dashboard')) {
        const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
        assert.equal(response.statusCode, 401, url);
        assert.equal(errorOf(response).code, 'INTAKE_UNAUTHORIZED', url);
        assert.match(errorOf(response).message, /INTAKE_OPERATOR_TOKENS/, url);
      }
      assert.equal((await app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    });

    it('shows the dashboard sign-in saying that nobody can sign in', async () => {
      const page = await app.inject({ method: 'GET', url: '/dashboard' });
      assert.equal(page.statusCode, 401);
      assert.match(page.body, /INTAKE_OPERATOR_TOKENS/);
      const login = await app.inject({ method: 'POST', url: '/dashboard/login', payload: `token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(login.statusCode, 401);
      assert.equal(login.headers['set-cookie'], undefined);
    });

    it('logs refusals by route and reason', () => {
      assert.match(lines(), /"reason":"no-tokens-configured"/);
    });
  });

  context('when the daemon starts its server without tokens', () => {
    it('logs a warning naming INTAKE_OPERATOR_TOKENS', async () => {
      const { logger, lines } = memoryLogger();
      const server = createReportsServer({ enabled: true, host: '127.0.0.1', port: 0, tokens: {}, databaseUrl: null }, { sink, logger, now: () => now });
      await server.start();
      await server.stop();
      const warning = lines().split('\n').find((line) => line.includes('INTAKE_OPERATOR_TOKENS'));
      assert.match(warning ?? '', /"level":40/);
    });
  });

  context('when tokens are configured', () => {
    let app: FastifyInstance;
    const { logger, lines } = memoryLogger();

    beforeEach(() => {
      app = buildReportsApp({ sink, logger, now: () => now, tokens: { noc: 'another-token-abcdefghij', 'wall-screen': token } });
    });

    afterEach(async () => {
      await app.close();
    });

    it('lets a request with Authorization: Bearer <token> through', async () => {
      const response = await app.inject({ method: 'GET', url: '/v1/reports?by=unit', headers: { authorization: `Bearer ${token}` } });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
    });

    it('refuses no token, a wrong one, a prefix of it and another scheme with 401 and WWW-Authenticate', async () => {
      for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Bearer ${token.slice(0, -1)}`, `Basic ${Buffer.from(`x:${token}`).toString('base64')}`, token]) {
        const response = await app.inject({ method: 'GET', url: '/v1/overview', headers: authorization === undefined ? {} : { authorization } });
        assert.equal(response.statusCode, 401, authorization);
        assert.match(String(response.headers['www-authenticate']), /^Bearer/);
        assert.equal(errorOf(response).code, 'INTAKE_UNAUTHORIZED');
      }
    });

    it('answers 401 rather than 404 for an unknown route, so routes cannot be probed', async () => {
      assert.equal((await app.inject({ method: 'GET', url: '/admin' })).statusCode, 401);
    });

    it('never logs a token', async () => {
      await app.inject({ method: 'GET', url: '/v1/overview', headers: { authorization: 'Bearer presented-wrong-token-xyz' } });
      await app.inject({ method: 'POST', url: '/dashboard/login', payload: 'token=presented-wrong-token-xyz', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.doesNotMatch(lines(), /presented-wrong-token-xyz|wall-screen-token/);
      assert.match(lines(), /"reason":"token-refused"/);
    });

    context('in a browser', () => {
      it('shows the sign-in form with a 401 for /dashboard without a session', async () => {
        const page = await app.inject({ method: 'GET', url: '/dashboard' });
        assert.equal(page.statusCode, 401);
        assert.match(String(page.headers['content-type']), /^text\/html/);
        assert.match(page.body, /<form method="post" action="dashboard\/login">/);
        assert.match(String(page.headers['content-security-policy']), /default-src 'none'/);
      });

      it('signs in with the token: 303 to the dashboard and an HttpOnly, Secure, SameSite=Strict session cookie, not the token', async () => {
        const login = await app.inject({ method: 'POST', url: '/dashboard/login', payload: `token=${encodeURIComponent(token)}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(login.statusCode, 303);
        assert.equal(login.headers.location, '../dashboard');
        const cookie = String(login.headers['set-cookie']);
        assert.match(cookie, new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; Secure; SameSite=Strict$`));
        assert.ok(!cookie.includes(token));
        const session = { cookie: `${SESSION_COOKIE}=${sessionOf(login)}` };
        for (const url of ['/dashboard', '/v1/overview', '/dashboard/vendor/uPlot.min.css']) {
          assert.equal((await app.inject({ method: 'GET', url, headers: session })).statusCode, 200, url);
        }
      });

      it('refuses a wrong token with the form again and no cookie', async () => {
        const login = await app.inject({ method: 'POST', url: '/dashboard/login', payload: 'token=not-the-token-0123456', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        assert.equal(login.statusCode, 401);
        assert.equal(login.headers['set-cookie'], undefined);
        assert.match(login.body, /action="login"/);
      });

      it('signs out: the cookie is cleared and the session no longer opens anything', async () => {
        const login = await app.inject({ method: 'POST', url: '/dashboard/login', payload: `token=${token}`, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        const session = { cookie: `${SESSION_COOKIE}=${sessionOf(login)}` };
        const logout = await app.inject({ method: 'POST', url: '/dashboard/logout', headers: session });
        assert.equal(logout.statusCode, 303);
        assert.match(String(logout.headers['set-cookie']), /Max-Age=0/);
        assert.equal((await app.inject({ method: 'GET', url: '/v1/overview', headers: session })).statusCode, 401);
      });

      it('does not accept a made-up session id', async () => {
        const response = await app.inject({ method: 'GET', url: '/v1/overview', headers: { cookie: `${SESSION_COOKIE}=${'A'.repeat(43)}` } });
        assert.equal(response.statusCode, 401);
      });
    });
  });

  describe('readCookie', () => {
    it('finds a cookie among others and ignores look-alike names', () => {
      assert.equal(readCookie('a=1; intake_operator_session_x=2; intake_operator_session=3', SESSION_COOKIE), '3');
      assert.equal(readCookie(undefined, SESSION_COOKIE), null);
      assert.equal(readCookie('x=1', SESSION_COOKIE), null);
    });
  });
});
