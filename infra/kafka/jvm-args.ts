import path from 'node:path';

/**
 * JVM options and classpath shared by the broker and StorageTool. The GC flags are the defaults
 * of Kafka's `kafka-run-class.sh`; the heap is half the 1 GB of `kafka-server-start.sh`, which is
 * plenty for a development broker on a small machine.
 * @param lib folder holding the broker's jars
 * @param log4jFile log4j2 configuration to use
 */
export function jvmArgs(lib: string, log4jFile: string): string[] {
  return [
    '-Xms128m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-XX:InitiatingHeapOccupancyPercent=35',
    '-XX:+ExplicitGCInvokesConcurrent',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${log4jFile}`,
    '-cp',
    `${lib}${path.sep}*`,
  ];
}
