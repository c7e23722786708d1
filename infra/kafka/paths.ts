import path from 'node:path';
import { KAFKA_VERSION } from './version.js';

/** Every file the launcher reads or writes, as absolute paths. */
export interface KafkaPaths {
  /** State dir, e.g. `.intake/kafka`. */
  dir: string;
  /** `server.properties`; rewritten on every fresh start. */
  props: string;
  /** `log4j2.properties`: broker logging to stdout, which the launcher sends to `server.log`. */
  log4j: string;
  /** Broker stdout/stderr; the previous run's is kept as `server.log.1`. */
  serverLog: string;
  /** Output of the one-off StorageTool format. */
  formatLog: string;
  /** `log.dirs` (and the KRaft metadata log); `meta.properties` in it means "formatted". */
  data: string;
  /** The cluster id the storage was formatted with. */
  clusterId: string;
  /** Pid of the detached java process. */
  pid: string;
  /** `kafka.state.json`: pid, ports and version of the running broker. */
  state: string;
  /** `start.lock`: serialises starts on this dir, across processes too. */
  lock: string;
  /** `<cacheDir>/kafka-<version>`. */
  cacheRoot: string;
  /** The broker's runtime jars; usable only once it holds the `.complete` marker. */
  lib: string;
  /** Maven's output from filling `lib`. */
  mavenLog: string;
}

/**
 * Resolves the layout from the launcher's `dir` and `cacheDir` (relative paths against the cwd).
 * The cache defaults to `<dir>/../cache` so that `.intake/kafka` and `.intake/test-kafka` share
 * one `.intake/cache` and the jars are downloaded once.
 */
export function kafkaPaths(stateDir: string, cacheDir?: string): KafkaPaths {
  const dir = path.resolve(stateDir);
  const cacheRoot = path.join(cacheDir ? path.resolve(cacheDir) : path.join(path.dirname(dir), 'cache'), `kafka-${KAFKA_VERSION}`);
  return {
    dir,
    props: path.join(dir, 'server.properties'),
    log4j: path.join(dir, 'log4j2.properties'),
    serverLog: path.join(dir, 'server.log'),
    formatLog: path.join(dir, 'format.log'),
    data: path.join(dir, 'data'),
    clusterId: path.join(dir, 'cluster.id'),
    pid: path.join(dir, 'kafka.pid'),
    state: path.join(dir, 'kafka.state.json'),
    lock: path.join(dir, 'start.lock'),
    cacheRoot,
    lib: path.join(cacheRoot, 'lib'),
    mavenLog: path.join(cacheRoot, 'maven.log'),
  };
}
