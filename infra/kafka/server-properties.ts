import { HOST, type KafkaPorts } from './ports.js';
import { KAFKA_VERSION } from './version.js';

/**
 * `server.properties` of a single-node KRaft cluster: node 1 is both broker and controller with
 * a static quorum of itself, every replication factor and min ISR is 1 (there is no second
 * replica), and topics are only created on purpose.
 * @param dataDir absolute `log.dirs`
 */
export function serverProperties(dataDir: string, { port, controllerPort }: KafkaPorts): string {
  const props: [string, string | number][] = [
    ['process.roles', 'broker,controller'],
    ['node.id', 1],
    ['controller.quorum.voters', `1@${HOST}:${controllerPort}`],
    ['listeners', `PLAINTEXT://${HOST}:${port},CONTROLLER://${HOST}:${controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://${HOST}:${port}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['controller.listener.names', 'CONTROLLER'],
    ['listener.security.protocol.map', 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT'],
    ['log.dirs', propValue(dataDir)],
    ['auto.create.topics.enable', 'false'],
    ['num.partitions', 1],
    ['default.replication.factor', 1],
    ['min.insync.replicas', 1],
    ['offsets.topic.replication.factor', 1],
    ['offsets.topic.num.partitions', 10],
    ['transaction.state.log.replication.factor', 1],
    ['transaction.state.log.min.isr', 1],
    ['transaction.state.log.num.partitions', 10],
    ['share.coordinator.state.topic.replication.factor', 1],
    ['share.coordinator.state.topic.min.isr', 1],
    // The default waits 3 s for more group members before the first assignment: only a delay here.
    ['group.initial.rebalance.delay.ms', 0],
    // Small machine (2 cores): fewer threads than the defaults.
    ['num.network.threads', 2],
    ['num.io.threads', 4],
    ['num.recovery.threads.per.data.dir', 1],
  ];
  return `# Written by infra/kafka/launcher.ts (Kafka ${KAFKA_VERSION}); regenerated on every start.\n` + props.map(([k, v]) => `${k}=${v}`).join('\n') + '\n';
}

function propValue(v: string): string {
  // java.util.Properties treats a backslash as an escape, so Windows paths need them doubled.
  return v.replace(/\\/g, '\\\\');
}
