import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { KafkaPaths } from './paths.js';
import { KAFKA_VERSION } from './version.js';

/** What `kafka.state.json` records about the running broker. */
export interface BrokerState {
  pid: number;
  port: number;
  controllerPort: number;
  version: string;
  /** ISO 8601. */
  startedAt: string;
}

/** Records a just-spawned broker in `kafka.pid` and `kafka.state.json`. */
export async function writeRunFiles(p: KafkaPaths, state: BrokerState): Promise<void> {
  await fsp.writeFile(p.pid, `${state.pid}\n`);
  await fsp.writeFile(p.state, JSON.stringify(state, null, 2) + '\n');
}

/** Forgets the broker: after it stopped, or when the files point at a dead or foreign process. */
export async function removeRunFiles(p: KafkaPaths): Promise<void> {
  await fsp.rm(p.pid, { force: true });
  await fsp.rm(p.state, { force: true });
}

/** `kafka.state.json`, or null when it is missing or corrupt. */
export function readState(p: KafkaPaths): BrokerState | null {
  try {
    const s = JSON.parse(fs.readFileSync(p.state, 'utf8')) as Partial<BrokerState>;
    if (typeof s.pid === 'number' && typeof s.port === 'number' && typeof s.controllerPort === 'number') {
      return { pid: s.pid, port: s.port, controllerPort: s.controllerPort, version: s.version ?? KAFKA_VERSION, startedAt: s.startedAt ?? '' };
    }
  } catch {
    /* missing or corrupt */
  }
  return null;
}

/**
 * The pid the run files name, `kafka.pid` first (it is written first, so it survives a crash
 * between the two writes), or null. The process may be dead or someone else's by now.
 */
export function recordedPid(p: KafkaPaths, state = readState(p)): number | null {
  return readPid(p) ?? state?.pid ?? null;
}

function readPid(p: KafkaPaths): number | null {
  try {
    const n = Number.parseInt(fs.readFileSync(p.pid, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 0 ? n : null;
  } catch {
    return null;
  }
}
