/** Starts an HTTP server of ours on its configured address and says where it listens. */
import type { FastifyInstance } from 'fastify';
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
