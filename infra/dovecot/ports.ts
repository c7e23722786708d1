import net from 'node:net';
import { IntakeError } from '../../runtime/errors.js';

/** The IMAP listener binds loopback only: this server is for one machine's tests. */
export const HOST = '127.0.0.1';

/**
 * A port the kernel just handed out on loopback. It is free now, not reserved: another process
 * can take it before Dovecot binds it, so a start on a picked port retries with another.
 */
export function pickFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen({ host: HOST, port: 0, exclusive: true }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** @throws IntakeError INTAKE_INFRA_FAILED for a port outside 1-65535 */
export function checkPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new IntakeError('INTAKE_INFRA_FAILED', `dovecot launcher: invalid port ${port}`);
  return port;
}

/** True if nothing listens on loopback `port` (so Dovecot can bind it). */
export function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: HOST, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}
