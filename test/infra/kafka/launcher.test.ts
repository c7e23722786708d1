// Starts a real single-node Kafka broker (no Docker) through infra/kafka/launcher
// and drives it with kafkajs. The first run downloads the broker jars with
// Maven into .intake/cache (a few minutes at most); later runs reuse them.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, Partitioners, logLevel, type Admin, type Consumer, type Producer } from 'kafkajs';
import { KAFKA_VERSION, kafkaStatus, startKafka, stopKafka, type KafkaLauncherOptions } from '../../../infra/kafka/launcher.js';

const DIR = path.resolve('.intake/test-kafka');
const PORT = 19192;
const opts: KafkaLauncherOptions = {
  dir: DIR,
  port: PORT,
  controllerPort: PORT + 1,
  log: (m) => {
    if (process.env.KAFKA_TEST_VERBOSE) console.log(`      ${m}`);
  },
};

/** A pid that certainly belonged to a process that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid as number;
  await new Promise((r) => child.once('exit', r));
  return pid;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('infra/kafka launcher (real broker, KRaft, no Docker)', function () {
  // First run: Maven fetches ~45 MB of jars.
  this.timeout(15 * 60_000);

  const kafkaLogs: string[] = [];
  let kafka: Kafka;
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  let firstPid = 0;
  const topic = `launcher-test-${Date.now()}`;
  const groupId = `launcher-test-group-${Date.now()}`;
  const N = 25;

  before(async function () {
    await stopKafka(opts); // leftover from an aborted run
    fs.rmSync(DIR, { recursive: true, force: true }); // fresh state; the jar cache (.intake/cache) stays
    fs.mkdirSync(DIR, { recursive: true });
    fs.writeFileSync(path.join(DIR, 'kafka.pid'), `${await deadPid()}\n`); // stale pid file
  });

  after(async function () {
    if (process.env.KAFKA_TEST_VERBOSE) console.log(`      kafkajs WARN/ERROR log:\n${kafkaLogs.map((l) => `        ${l}`).join('\n')}`);
    for (const c of [consumer, producer, admin]) await c?.disconnect().catch(() => {});
    await stopKafka(opts);
  });

  it('reports not running before start, even with a stale pid file', async function () {
    const st = await kafkaStatus(opts);
    assert.equal(st.running, false);
    assert.equal(st.pid, null);
    assert.equal(st.brokers, null);
    assert.equal(st.version, KAFKA_VERSION);
  });

  it('starts the broker (fetching jars once) and reports its status', async function () {
    const t0 = Date.now();
    const st = await startKafka(opts);
    console.log(`      (Kafka ${KAFKA_VERSION} start incl. any jar download: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    assert.equal(st.running, true);
    assert.equal(st.brokers, `127.0.0.1:${PORT}`);
    assert.equal(st.version, KAFKA_VERSION);
    assert.ok(st.pid && alive(st.pid), 'pid is alive');
    firstPid = st.pid;
    assert.equal(fs.readFileSync(path.join(DIR, 'kafka.pid'), 'utf8').trim(), String(st.pid));
    assert.ok(fs.existsSync(path.join(DIR, 'data', 'meta.properties')), 'storage formatted');
    assert.ok(fs.existsSync(path.resolve(DIR, '..', 'cache', `kafka-${KAFKA_VERSION}`, 'lib', '.complete')), 'jar cache marker');

    const again = await kafkaStatus(opts);
    assert.deepEqual(again, st);
  });

  it('startKafka is idempotent while running', async function () {
    const st = await startKafka(opts);
    assert.equal(st.running, true);
    assert.equal(st.pid, firstPid);
  });

  it('kafkajs admin: createTopics and fetchTopicMetadata', async function () {
    kafka = new Kafka({
      clientId: 'launcher-test',
      brokers: [`127.0.0.1:${PORT}`],
      logLevel: logLevel.WARN,
      logCreator: () => (e) => kafkaLogs.push(`${logLevel[e.level]} ${e.namespace} ${e.log.message} ${e.log.error ?? ''}`),
    });
    admin = kafka.admin();
    await admin.connect();
    const created = await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
    assert.equal(created, true);
    const md = await admin.fetchTopicMetadata({ topics: [topic] });
    assert.equal(md.topics.length, 1);
    assert.equal(md.topics[0]?.name, topic);
    assert.equal(md.topics[0]?.partitions.length, 3);
    for (const part of md.topics[0]?.partitions ?? []) {
      assert.equal(part.leader, 1);
      assert.deepEqual(part.isr, [1]);
    }
    // auto.create.topics.enable=false
    await assert.rejects(admin.fetchTopicMetadata({ topics: ['no-such-topic-' + Date.now()] }));
  });

  it('kafkajs idempotent producer (maxInFlightRequests 1, acks -1)', async function () {
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let batch = 0; batch < 5; batch++) {
      const res = await producer.send({
        topic,
        acks: -1,
        messages: Array.from({ length: N / 5 }, (_, i) => ({ key: `k${batch * 5 + i}`, value: `v${batch * 5 + i}` })),
      });
      for (const r of res) assert.equal(r.errorCode, 0);
    }
    const offsets = await admin!.fetchTopicOffsets(topic);
    const total = offsets.reduce((s, o) => s + Number(o.high) - Number(o.low), 0);
    assert.equal(total, N, 'each message stored exactly once');
  });

  it('kafkajs consumer group: consumes everything and commits offsets', async function () {
    consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1000 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const seen = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${seen.size}/${N} in 45 s; kafkajs log:\n${kafkaLogs.join('\n')}`)), 45_000);
      consumer!
        .run({
          autoCommit: false,
          eachMessage: async ({ topic: t, partition, message }) => {
            seen.add(message.value?.toString() ?? '');
            await consumer!.commitOffsets([{ topic: t, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
            if (seen.size === N) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
    assert.equal(seen.size, N);
    await consumer.disconnect();
    consumer = undefined;

    const committed = await admin!.fetchOffsets({ groupId, topics: [topic] });
    const high = await admin!.fetchTopicOffsets(topic);
    for (const p of committed[0]?.partitions ?? []) {
      const h = high.find((x) => x.partition === p.partition);
      assert.equal(p.offset, h?.high, `partition ${p.partition} committed to the end`);
    }
    assert.equal(committed[0]?.partitions.length, 3);
  });

  it('stopKafka stops the broker', async function () {
    for (const c of [producer, admin]) await c?.disconnect();
    producer = admin = undefined;
    await stopKafka(opts);
    assert.equal(alive(firstPid), false, 'java process gone');
    assert.equal(fs.existsSync(path.join(DIR, 'kafka.pid')), false, 'pid file removed');
    const st = await kafkaStatus(opts);
    assert.deepEqual(st, { running: false, pid: null, brokers: null, version: KAFKA_VERSION });
    await stopKafka(opts); // no-op when stopped
  });

  it('a broker started by another node process outlives it (detached) and keeps its data', async function () {
    const launcher = fileURLToPath(new URL('../../../infra/kafka/launcher.js', import.meta.url));
    const script = `import(${JSON.stringify(launcher)}).then(async (m) => { const st = await m.startKafka(${JSON.stringify({ ...opts, log: undefined })}); process.stdout.write(JSON.stringify(st)); })`;
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`starter exited ${code}`))));
    });
    const started = JSON.parse(out) as { running: boolean; pid: number };
    assert.equal(started.running, true);
    const st = await kafkaStatus(opts);
    assert.equal(st.running, true);
    assert.equal(st.pid, started.pid);

    const k = new Kafka({ clientId: 'launcher-test-2', brokers: [`127.0.0.1:${PORT}`], logLevel: logLevel.NOTHING });
    admin = k.admin();
    await admin.connect();
    assert.ok((await admin.listTopics()).includes(topic), 'topic survived the restart');
    await admin.disconnect();
    admin = undefined;

    await stopKafka(opts);
    assert.equal((await kafkaStatus(opts)).running, false);
  });
});
