import { spawn } from 'node:child_process';
import path from 'node:path';
import { IntakeError } from '../../runtime/errors.js';
import { KAFKA_VERSION } from './version.js';

// Kafka 4.0 dropped Java 11 for brokers and tools (KIP-1013).
const MIN_JAVA = 17;

/**
 * Finds the Java that runs the broker: `$JAVA_HOME/bin/java` if JAVA_HOME is set, else `java`
 * on PATH, the same choice as Kafka's own start scripts. It is run once with `-version` so a
 * missing or too old Java fails here with advice, not later as an obscure broker crash.
 * @returns the java command to spawn
 * @throws IntakeError INTAKE_INFRA_FAILED when Java does not run or is older than 17
 */
export async function findJava(): Promise<string> {
  const home = process.env.JAVA_HOME?.trim();
  const java = home ? path.join(home, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
  const where = home ? `JAVA_HOME/bin/java (${java})` : '`java` on PATH (JAVA_HOME is not set)';
  const out = await new Promise<string>((resolve, reject) => {
    let text = '';
    const child = spawn(java, ['-version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.once('error', reject);
    child.once('close', () => resolve(text));
  }).catch((e: unknown) => {
    throw new IntakeError(
      'INTAKE_INFRA_FAILED',
      `kafka launcher: Java not found: tried ${where}: ${(e as Error).message}. ` +
        `Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA}+ (Debian: apt-get install openjdk-17-jre-headless, or set JAVA_HOME).`,
      { cause: e },
    );
  });
  // `java -version` prints e.g. `openjdk version "17.0.15"`, or `"1.8.0_402"` before Java 9.
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  if (m) {
    const major = m[1] === '1' ? Number(m[2]) : Number(m[1]);
    if (major < MIN_JAVA) {
      throw new IntakeError('INTAKE_INFRA_FAILED', `kafka launcher: ${where} is Java ${major}; Kafka ${KAFKA_VERSION} needs Java ${MIN_JAVA}+.`);
    }
  }
  return java;
}
