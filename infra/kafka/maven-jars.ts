import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IntakeError } from '../../runtime/errors.js';
import { logTail } from './log-tail.js';
import type { KafkaPaths } from './paths.js';
import { runLogged, type RunResult } from './run-logged.js';
import { KAFKA_VERSION, SCALA_BINARY_VERSION } from './version.js';

/** Longest a first download may take (ms); also bounds how long a second start waits for it. */
export const MAVEN_TIMEOUT_MS = 15 * 60_000;
// Written last: a lib folder without it is a half-download and is fetched again.
const COMPLETE_MARKER = '.complete';
const BROKER_JAR = `kafka_${SCALA_BINARY_VERSION}-${KAFKA_VERSION}.jar`;

/**
 * Fills `<cacheRoot>/lib` with the broker's runtime jars, once: Maven resolves the classpath of
 * `org.apache.kafka:kafka_2.13` from `pom.xml` into a temporary folder that is renamed into place
 * only after it succeeded, so a crash or a concurrent start never leaves a usable-looking
 * half-download behind. Maven's output goes to `<cacheRoot>/maven.log`.
 * @returns the lib folder
 * @throws IntakeError INTAKE_INFRA_FAILED when `pom.xml` or `mvn` is missing, or Maven fails
 *   or runs past 15 minutes (the message carries the tail of maven.log)
 */
export async function ensureKafkaJars(p: KafkaPaths, log: (msg: string) => void): Promise<string> {
  if (cacheComplete(p.lib)) return p.lib;
  const pom = findPom();
  await fsp.mkdir(p.cacheRoot, { recursive: true });
  const tmp = `${p.lib}.partial-${process.pid}`;
  await fsp.rm(tmp, { recursive: true, force: true });
  await fsp.writeFile(p.mavenLog, `# ${new Date().toISOString()} kafka ${KAFKA_VERSION}\n`);
  log(`kafka: fetching Kafka ${KAFKA_VERSION} jars with Maven into ${p.lib} (log: ${p.mavenLog})`);
  const t0 = Date.now();
  const args = [
    '-B',
    '-q',
    '-ntp',
    '-Dstyle.color=never',
    '-f',
    pom,
    `-Dkafka.version=${KAFKA_VERSION}`,
    'dependency:copy-dependencies',
    '-DincludeScope=runtime',
    `-DoutputDirectory=${tmp}`,
  ];
  let res: RunResult;
  try {
    res = await runLogged('mvn', args, p.mavenLog, MAVEN_TIMEOUT_MS, p.cacheRoot);
  } catch (e) {
    if ((e as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
      throw new IntakeError(
        'INTAKE_INFRA_FAILED',
        `kafka launcher: Maven (\`mvn\`) not found on PATH; it is needed once to download the Kafka ${KAFKA_VERSION} jars into ${p.lib} ` +
          `(Debian: apt-get install maven).`,
        { cause: e },
      );
    }
    throw e;
  }
  if (res.code !== 0 || !fs.existsSync(path.join(tmp, BROKER_JAR))) {
    await fsp.rm(tmp, { recursive: true, force: true });
    const why = res.timedOut ? `timed out after ${MAVEN_TIMEOUT_MS / 1000} s` : `exit ${res.code ?? res.signal}`;
    throw new IntakeError(
      'INTAKE_INFRA_FAILED',
      `kafka launcher: Maven failed to fetch Kafka ${KAFKA_VERSION} jars (${why}). Tail of ${p.mavenLog}:\n${await logTail(p.mavenLog)}`,
    );
  }
  const jars = (await fsp.readdir(tmp)).filter((f) => f.endsWith('.jar')).sort();
  await fsp.writeFile(
    path.join(tmp, COMPLETE_MARKER),
    JSON.stringify({ version: KAFKA_VERSION, jars, completedAt: new Date().toISOString() }, null, 2) + '\n',
  );
  // A lib folder without the marker is a half-download from an older run.
  if (!cacheComplete(p.lib)) await fsp.rm(p.lib, { recursive: true, force: true });
  try {
    await fsp.rename(tmp, p.lib);
  } catch (e) {
    // Another process finished first: keep its copy.
    await fsp.rm(tmp, { recursive: true, force: true });
    if (!cacheComplete(p.lib)) throw e;
  }
  log(`kafka: ${jars.length} jars cached in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return p.lib;
}

function cacheComplete(lib: string): boolean {
  try {
    const marker = JSON.parse(fs.readFileSync(path.join(lib, COMPLETE_MARKER), 'utf8')) as { version?: string };
    return marker.version === KAFKA_VERSION && fs.existsSync(path.join(lib, BROKER_JAR));
  } catch {
    return false;
  }
}

function findPom(): string {
  const candidates = [
    fileURLToPath(new URL('./pom.xml', import.meta.url)), // running from infra/kafka (source)
    fileURLToPath(new URL('../../../infra/kafka/pom.xml', import.meta.url)), // running from dist/infra/kafka
  ];
  const hit = candidates.find((c) => fs.existsSync(c));
  if (!hit) throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: infra/kafka/pom.xml not found (looked at ${candidates.join(', ')})`);
  return hit;
}
