/**
 * Operator access to the reports server: every route but `GET /healthz` needs an operator token
 * (`reports.tokens`, from INTAKE_OPERATOR_TOKENS as name=token,name=token).
 *
 * - Programs (curl, Prometheus, a proxy) send `Authorization: Bearer <token>` on every request.
 * - Browsers sign in once on the dashboard's form (`POST /dashboard/login`, the token in the
 *   body) and get a random session id in a cookie that is HttpOnly (page scripts cannot read it),
 *   Secure (sent over TLS or on loopback only) and SameSite=Strict (another site cannot make the
 *   browser send it). The token itself never sits in the browser, its history or a URL, and the
 *   dashboard's HTML stays behind sign-in too. Sessions live in memory (operator-sessions.ts).
 *
 * Tokens are compared as SHA-256 digests in constant time (`connectors/api-key-auth.ts`). With no
 * token configured nobody gets in: each protected route answers 401 naming INTAKE_OPERATOR_TOKENS.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { staffKeyName } from '../connectors/api-key-auth.js';
import type { ErrorBody } from '../connectors/webform/server.js';
import type { Logger } from '../runtime/logger.js';
import { LOGIN_PAGE_CSP, loginPage } from './login-page.js';
import type { OperatorSessions } from './operator-sessions.js';

/** The environment variable that holds the tokens; named in every refusal. */
export const TOKENS_VARIABLE = 'INTAKE_OPERATOR_TOKENS';
/** The dashboard session cookie. */
export const SESSION_COOKIE = 'intake_operator_session';

/** Routes open without a token: the liveness probe, and the sign-in itself. */
const OPEN_ROUTES = new Set(['GET /healthz', 'HEAD /healthz', 'POST /dashboard/login', 'GET /dashboard/', 'HEAD /dashboard/']);
// The sign-in form carries one token; nothing else is posted here.
const FORM_BODY_LIMIT = 4096;

export interface OperatorAuthOptions {
  /** name → token. */
  tokens: Readonly<Record<string, string>>;
  sessions: OperatorSessions;
  now: () => Date;
  log: Logger;
}

/** The value of cookie `name` in a Cookie header, or null. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return null;
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Secure always: browsers keep such a cookie over https:// and on loopback (http://127.0.0.1 and
 * localhost count as secure), never over plain HTTP from elsewhere. Behind a TLS proxy the request
 * reaches us over plain HTTP, so its protocol cannot decide.
 */
function sessionCookie(value: string, clear: boolean): string {
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; Secure; SameSite=Strict${clear ? '; Max-Age=0' : ''}`;
}

const notConfigured = `no operator tokens are configured: set ${TOKENS_VARIABLE} (name=token,name=token) and restart to open the reports, dashboard and operator endpoints`;

/**
 * Registers the token check (an onRequest hook) and the dashboard's sign-in and sign-out routes.
 * Call it before any other route is added.
 */
export function registerOperatorAuth(app: FastifyInstance, options: OperatorAuthOptions): void {
  const { tokens, sessions, log } = options;
  const configured = Object.keys(tokens).length > 0;
  const nowMs = (): number => options.now().getTime();

  const sendLogin = (reply: FastifyReply, action: 'dashboard/login' | 'login', problem: string | null): FastifyReply =>
    reply.code(401).header('content-security-policy', LOGIN_PAGE_CSP).header('cache-control', 'no-store').type('text/html; charset=utf-8')
      .send(loginPage(action, configured ? problem : `Operatör anahtarı tanımlı değil. ${notConfigured}.`));

  /** The operator a request is from, null when it has no credentials, 'refused' for a wrong token. */
  const identify = (request: FastifyRequest): string | null | 'refused' => {
    const header = request.headers.authorization;
    if (header !== undefined) return staffKeyName(tokens, bearerToken(header)) ?? 'refused';
    const session = readCookie(request.headers.cookie, SESSION_COOKIE);
    return session === null || session === '' ? null : sessions.find(session, nowMs());
  };

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.addHook('onRequest', async (request, reply) => {
    const route = `${request.method} ${request.routeOptions.url ?? '(none)'}`;
    if (OPEN_ROUTES.has(route)) return;
    const operator = configured ? identify(request) : null;
    if (operator !== null && operator !== 'refused') return;
    // The route pattern, never the URL: a query string is the caller's text.
    log.info({ status: 401, route: request.routeOptions.url ?? '(unknown)', reason: !configured ? 'no-tokens-configured' : operator === 'refused' ? 'token-refused' : 'no-credentials' }, 'operator access refused');
    if ((request.method === 'GET' || request.method === 'HEAD') && request.routeOptions.url === '/dashboard') return sendLogin(reply, 'dashboard/login', null);
    const message = !configured ? notConfigured : `an operator token is needed: Authorization: Bearer <token> (tokens are set in ${TOKENS_VARIABLE}), or sign in at /dashboard`;
    const body: ErrorBody = { error: { code: 'INTAKE_UNAUTHORIZED', message } };
    return reply.code(401).header('www-authenticate', 'Bearer realm="intake operator"').header('cache-control', 'no-store').type('application/json').send(body);
  });

  app.post('/dashboard/login', async (request, reply) => {
    const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
    const token = typeof form.token === 'string' ? form.token : undefined;
    const operator = configured ? staffKeyName(tokens, token) : null;
    if (operator === null) {
      log.warn({ status: 401, reason: configured ? 'token-refused' : 'no-tokens-configured' }, 'dashboard sign-in refused');
      return sendLogin(reply, 'login', 'Anahtar kabul edilmedi (token not accepted).');
    }
    const session = sessions.open(operator, nowMs());
    log.info({ operator }, 'dashboard sign-in');
    // 303: the browser follows with a GET. Relative, so that it works behind a path prefix.
    return reply.code(303).header('set-cookie', sessionCookie(session, false)).header('location', '../dashboard').send();
  });

  app.post('/dashboard/logout', async (request, reply) => {
    const session = readCookie(request.headers.cookie, SESSION_COOKIE);
    if (session !== null) sessions.close(session);
    return reply.code(303).header('set-cookie', sessionCookie('', true)).header('location', '../dashboard').send();
  });

  app.get('/dashboard/', async (_request, reply) => reply.redirect('../dashboard'));
}
