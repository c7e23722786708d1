/** Starts an HTTP server of ours on its configured address and says where it listens. */
import type { Server } from 'node:http';
import type { FastifyHttpOptions, FastifyInstance } from 'fastify';
import { IntakeError } from './errors.js';

/**
 * Listens and returns the endpoint (`http://host:port`, the real port when 0 was asked for).
 * @param what names the server and its settings for the message when the address is taken
 * @throws IntakeError INTAKE_INFRA_FAILED naming the address and the settings to change
 */
export async function listenOn(app: FastifyInstance, address: { host: string; port: number }, what: { name: string; settings: string }): Promise<string> {
  try {
    await app.listen({ host: address.host, port: address.port });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new IntakeError('INTAKE_INFRA_FAILED', `the ${what.name} cannot listen on ${address.host}:${address.port} (${reason}); set ${what.settings}`, { cause: error, details: { reason } });
  }
  const bound = app.server.address();
  // An IPv6 literal is bracketed in a URL.
  const host = address.host.includes(':') ? `[${address.host}]` : address.host;
  return typeof bound === 'object' && bound !== null ? `http://${host}:${bound.port}` : `http://${host}:${address.port}`;
}

/**
 * The server options every connector taking requests from outside shares: its body limit, no
 * fastify logging (ours carries no personal data), 503 while closing, and a slow client cut off.
 */
export function connectorServerOptions(limits: { bodyLimitBytes: number; requestTimeoutSeconds: number; headersTimeoutSeconds: number }): FastifyHttpOptions<Server> {
  const requestTimeout = limits.requestTimeoutSeconds * 1000;
  return {
    bodyLimit: limits.bodyLimitBytes,
    logger: false,
    return503OnClosing: true,
    requestTimeout,
    // Timeouts are checked on this interval (Node's default, 30 s, lets a slow client overstay).
    http: { headersTimeout: Math.min(limits.headersTimeoutSeconds * 1000, requestTimeout), connectionsCheckingInterval: 1000 },
  };
}
