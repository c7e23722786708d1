import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { IntakeError } from '../../runtime/errors.js';
import { jvmArgs } from './jvm-args.js';
import { log4jProperties } from './log4j-properties.js';
import { logTail } from './log-tail.js';
import type { KafkaPaths } from './paths.js';
import { runLogged } from './run-logged.js';

const FORMAT_TIMEOUT_MS = 120_000;

/**
 * Formats the KRaft storage (`kafka.tools.StorageTool format`), which a KRaft broker refuses to
 * start without. Skipped while `data/meta.properties` exists, so data survives restarts. The
 * cluster id is kept in `cluster.id` and reused if a format has to be repeated. Needs
 * `server.properties` written first.
 * @param java the java command from `findJava`
 * @throws IntakeError INTAKE_INFRA_FAILED when StorageTool fails (with the tail of format.log)
 */
export async function formatStorageIfNeeded(p: KafkaPaths, java: string, log: (msg: string) => void): Promise<void> {
  if (fs.existsSync(path.join(p.data, 'meta.properties'))) return;
  let clusterId = '';
  try {
    clusterId = (await fsp.readFile(p.clusterId, 'utf8')).trim();
  } catch {
    /* first format */
  }
  if (!/^[A-Za-z0-9_-]{22}$/.test(clusterId)) {
    clusterId = newClusterId();
    await fsp.writeFile(p.clusterId, clusterId + '\n');
  }
  const toolLog4j = path.join(p.dir, 'log4j2-tools.properties');
  await fsp.writeFile(toolLog4j, log4jProperties('WARN'));
  log(`kafka: formatting ${p.data} (cluster id ${clusterId})`);
  const args = [
    // A one-off tool: no need to reserve the broker's minimum heap.
    ...jvmArgs(p.lib, toolLog4j).filter((a) => !a.startsWith('-Xms')),
    'kafka.tools.StorageTool',
    'format',
    '--cluster-id',
    clusterId,
    '--config',
    p.props,
    '--ignore-formatted',
  ];
  const res = await runLogged(java, args, p.formatLog, FORMAT_TIMEOUT_MS, p.dir);
  if (res.code !== 0 || !fs.existsSync(path.join(p.data, 'meta.properties'))) {
    throw new IntakeError(
      'INTAKE_INFRA_FAILED',
      `kafka launcher: formatting ${p.data} failed (exit ${res.code ?? res.signal}). Tail of ${p.formatLog}:\n${await logTail(p.formatLog)}`,
    );
  }
}

function newClusterId(): string {
  // Kafka Uuid: 16 random bytes, base64url without padding; the CLI
  // rejects ids starting with '-', so draw again in that case.
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
