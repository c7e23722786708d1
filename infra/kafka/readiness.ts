import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { IntakeError } from '../../runtime/errors.js';
import { killHard } from './broker-process.js';
import { logTail } from './log-tail.js';
import type { KafkaPaths } from './paths.js';
import { HOST } from './ports.js';
import { probeKafkaMetadata } from './probe.js';
import { isAlive } from './process-alive.js';
import { removeRunFiles } from './run-files.js';

/**
 * True if the broker on loopback `port` answers a Metadata request listing a broker. An open
 * port is not enough: until the broker has registered with its controller and been unfenced,
 * Metadata lists no brokers and clients cannot work.
 * @param timeoutMs for the connection and again for the answer
 */
export async function brokerReady(port: number, timeoutMs = 3000): Promise<boolean> {
  if (!(await tcpAnswers(port, timeoutMs))) return false;
  try {
    const md = await probeKafkaMetadata(HOST, port, timeoutMs);
    return md.brokers.length > 0;
  } catch {
    return false;
  }
}

/**
 * Polls until the broker is ready. If it exits or stays silent past `timeoutMs`, it is killed
 * and the run files removed, so the next start begins clean.
 * @param exitReason of a broker spawned by this process, to say how it exited
 * @throws IntakeError INTAKE_INFRA_FAILED on early exit or timeout, with the tail of server.log
 */
export async function waitReady(p: KafkaPaths, pid: number, port: number, timeoutMs: number, exitReason?: () => string | null): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let why = `did not answer on ${HOST}:${port} within ${timeoutMs / 1000} s`;
  for (;;) {
    const exited = exitReason?.() ?? null;
    if (exited || !isAlive(pid)) {
      why = `exited during startup (${exited ?? 'process gone'})`;
      break;
    }
    if (await brokerReady(port, 2000)) return;
    if (Date.now() > deadline) break;
    await sleep(250);
  }
  if (isAlive(pid)) await killHard(pid);
  await removeRunFiles(p);
  throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: broker (pid ${pid}) ${why}. Tail of ${p.serverLog}:\n${await logTail(p.serverLog)}`);
}

function tcpAnswers(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: HOST, port });
    const done = (ok: boolean): void => {
      clearTimeout(t);
      s.destroy();
      resolve(ok);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}
