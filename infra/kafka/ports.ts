import net from 'node:net';
import { IntakeError } from '../../runtime/errors.js';

/** Both listeners bind loopback only: this broker is for one machine's development and tests. */
export const HOST = '127.0.0.1';
const DEFAULT_PORT = 19092;

/** The broker's two listeners. */
export interface KafkaPorts {
  /** PLAINTEXT listener, the one clients bootstrap from. */
  port: number;
  /** KRaft CONTROLLER listener. */
  controllerPort: number;
}

/**
 * Applies the defaults (19092, and port + 1 for the controller) and checks the result.
 * @throws IntakeError INTAKE_INFRA_FAILED for a port outside 1-65535 or two equal ports
 */
export function resolvePorts(port: number | undefined, controllerPort: number | undefined): KafkaPorts {
  const p = port ?? DEFAULT_PORT;
  const c = controllerPort ?? p + 1;
  for (const [name, n] of [['port', p], ['controllerPort', c]] as const) {
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: invalid ${name} ${n}`);
  }
  if (p === c) throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: port and controllerPort must differ (both ${p})`);
  return { port: p, controllerPort: c };
}

/**
 * Checked before a broker is spawned: a JVM that cannot bind only says so deep in its log,
 * after a slow start.
 * @param dir the state dir, named in the error
 * @throws IntakeError INTAKE_INFRA_FAILED naming the first port another process holds
 */
export async function assertPortsFree(ports: KafkaPorts, dir: string): Promise<void> {
  for (const [name, n] of [['port', ports.port], ['controllerPort', ports.controllerPort]] as const) {
    if (!(await canBind(n))) {
      throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: ${name} ${HOST}:${n} is already in use by another process (not a broker started from ${dir})`);
    }
  }
}

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ host: HOST, port, exclusive: true }, () => srv.close(() => resolve(true)));
  });
}
