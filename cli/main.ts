/**
 * The `intake` command: the one entry point for users and operators. This is the only module that
 * reads `process.env` and `process.argv`; everything else receives what it needs.
 */
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Channel } from '../schemas/types.generated.js';
import { loadConfig, type Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { createLogger } from '../runtime/logger.js';
import { checkChannels, checkFile } from './check.js';
import { fileLookups, readSubscriberFile } from './subscriber-file.js';
import { progress } from './progress.js';

// The daemon's modules (Kafka client, database drivers, the embedded PostgreSQL) are loaded only by
// the commands that use them, so `intake check` starts quickly.

const usage = `usage:
  intake daemon [--config FILE]             run the configured connectors, normalizer and sink
  intake check FILE --channel C [--registry FILE]   decide one input file, no Kafka, no database (C: ${checkChannels.join(' ')})
  intake subscribers import FILE            load a subscriber registry extract (JSON array) into the database
  intake replay DIR [--endpoint URL] [--api-key KEY]   send a fixture folder through a running daemon
  intake report --by region|unit|topic|channel [--from DATE] [--to DATE] [--format table|csv|json]
                                            counts from the CRM database; DATE is YYYY-MM-DD (Istanbul) or ISO 8601, --to exclusive
  intake archive list [--from DATE] [--to DATE] [--channel fax|letter] [--registry-number N] [--limit N] [--format table|json]
                                            faxes and letters archived for missing customer data, oldest first; no personal data
  intake archive show ITEM_ID [--unmask]    one archived item with its decision and history; personal data masked unless --unmask
  intake archive complete ITEM_ID --by NAME [--full-name ..] [--national-id ..] [--contract-account ..] [--phone ..]
                 [--email ..] [--address ..] [--district ..] [--description ..]
                                            decide an archived item again with the data a person supplied; exit 3: still incomplete, nothing changed
  intake topics [--format table|json]       every topic's partitions and offsets, and each consumer group's lag on it
  intake peek TOPIC [--follow] [--limit N] [--from-beginning|--last N] [--unmask]
                                            a topic's messages as JSON lines, checked against their schema; personal data
                                            masked unless --unmask; joins no consumer group, commits nothing
  intake dlq list [--limit N] [--format table|json]   dead letters, why each was set aside, whether it can be replayed, what was done
  intake dlq show PARTITION:OFFSET [--unmask]          one dead letter, decoded; personal data masked unless --unmask
  intake dlq replay PARTITION:OFFSET...|--all [--dry-run] [--by NAME] [--reason TEXT]
                                            send dead letters back to the topic they came from, each once; exit 3: some left alone
  intake dlq drop PARTITION:OFFSET... --reason TEXT [--by NAME]   record dead letters as not to be replayed
  intake kafka start|stop|status            the local single-node Kafka broker
  intake demo                               start everything on embedded defaults and replay the samples
environment: INTAKE_CONFIG (config file), KAFKA_BROKERS, DATABASE_URL, INTAKE_STAFF_API_KEYS (name=key,...),
  INTAKE_REPLAY_API_KEY; see docs/configuration.md`;

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
const env = process.env;

class UsageError extends Error {}

function config(file: string | undefined): Config {
  return loadConfig({ file: file ?? env.INTAKE_CONFIG ?? null, env });
}

async function waitForSignal(): Promise<'signal'> {
  return new Promise((done) => {
    process.once('SIGTERM', () => done('signal'));
    process.once('SIGINT', () => done('signal'));
  });
}

/**
 * Once the daemon has stopped, a Kafka request still in flight (a JoinGroup the broker holds until
 * a dead member's session ends) must not keep the process alive: it ends by itself when nothing is
 * left, else after a grace for the log to be written.
 */
function exitSoonAfterStop(): void {
  setTimeout(() => process.exit(), 2000).unref();
}

/** The operator commands print for a person and report their own failure: no JSON log unless INTAKE_LOG_LEVEL asks for one. */
function operatorLogger(): ReturnType<typeof createLogger> {
  return createLogger({ level: env.INTAKE_LOG_LEVEL ?? 'fatal' });
}

const operatorIo = {
  out: (line: string): void => void process.stdout.write(`${line}\n`),
  progress: (line: string): void => void process.stderr.write(`${line}\n`),
};

/** Who runs `intake dlq` when --by is not given. */
function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { config: { type: 'string' }, channel: { type: 'string' }, endpoint: { type: 'string' }, 'api-key': { type: 'string' }, by: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, registry: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      // intake archive
      'registry-number': { type: 'string' }, limit: { type: 'string' }, unmask: { type: 'boolean' }, 'full-name': { type: 'string' }, 'national-id': { type: 'string' },
      'contract-account': { type: 'string' }, phone: { type: 'string' }, email: { type: 'string' }, address: { type: 'string' }, district: { type: 'string' }, description: { type: 'string' },
      // intake peek, intake dlq
      follow: { type: 'boolean' }, 'from-beginning': { type: 'boolean' }, last: { type: 'string' }, all: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, reason: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (values.help || command === undefined) {
    process.stdout.write(`${usage}\n`);
    return command === undefined && !values.help ? 2 : 0;
  }
  const out = (line: string): void => void process.stdout.write(`${line}\n`);

  switch (command) {
    case 'check': {
      const [file] = rest;
      const channel = values.channel as Channel | undefined;
      if (file === undefined || channel === undefined) throw new UsageError('check needs FILE and --channel');
      if (!checkChannels.includes(channel)) throw new UsageError(`--channel must be one of: ${checkChannels.join(' ')}`);
      const lookups = values.registry === undefined ? null : fileLookups(await readSubscriberFile(values.registry));
      const report = await checkFile(file, channel, config(values.config), new Date(), lookups);
      out(JSON.stringify(report, null, 2));
      return 0;
    }
    case 'subscribers': {
      const [action, file] = rest;
      if (action !== 'import' || file === undefined) throw new UsageError('subscribers needs: import FILE');
      const subscribers = await readSubscriberFile(file);
      const cfg = config(values.config);
      const [{ openSink }, { sinkOptionsOf }] = await Promise.all([import('../sink/index.js'), import('./sink-options.js')]);
      const sink = await openSink(sinkOptionsOf(cfg));
      const shown = progress('imported', subscribers.length, operatorIo.progress);
      try {
        await sink.importSubscribers(subscribers, new Date(), () => shown.advance(1));
        shown.done();
      } finally {
        await sink.close();
      }
      out(JSON.stringify({ imported: subscribers.length }));
      return 0;
    }
    case 'daemon': {
      const cfg = config(values.config);
      const logger = createLogger({ level: cfg.log.level });
      // Listening before start-up: a SIGTERM while Kafka or the database is still coming up stops
      // what has started, in order, instead of killing the process half-way.
      const signalled = waitForSignal();
      const aborting = new AbortController();
      void signalled.then(() => aborting.abort());
      logger.info({ component: 'daemon', pid: process.pid }, 'starting');
      const { startDaemon, StartAborted } = await import('./daemon.js');
      let daemon: Awaited<ReturnType<typeof startDaemon>>;
      try {
        daemon = await startDaemon(cfg, logger, { signal: aborting.signal });
      } catch (error) {
        if (error instanceof StartAborted) {
          exitSoonAfterStop();
          return 0;
        }
        throw error;
      }
      const why = await Promise.race([signalled, daemon.fatal]);
      await daemon.stop();
      exitSoonAfterStop();
      return why === 'signal' ? 0 : 1;
    }
    case 'replay': {
      const [dir] = rest;
      if (dir === undefined) throw new UsageError('replay needs DIR');
      const cfg = config(values.config);
      const endpoint = values.endpoint ?? `http://${cfg.connectors.webform.host}:${cfg.connectors.webform.port}`;
      const { replayDir, replayMailbox } = await import('./replay.js');
      const { twilioReplayTarget } = await import('../connectors/twilio/replay.js');
      const { documentsReplayTarget } = await import('../connectors/documents/replay.js');
      const results = await replayDir(dir, { endpoint, staffApiKey: values['api-key'] ?? env.INTAKE_REPLAY_API_KEY ?? null, mailbox: replayMailbox(cfg), twilio: twilioReplayTarget(cfg.connectors.twilio), documents: documentsReplayTarget(cfg.connectors.documents) },
        (total) => progress('replayed', total, operatorIo.progress));
      for (const r of results) out(JSON.stringify({ file: r.file, status: r.status, itemId: r.itemId }));
      return 0;
    }
    case 'report': {
      if (rest.length > 0) throw new UsageError('report takes no arguments besides its flags');
      const { readReportArgs, runReport } = await import('./report.js');
      const args = readReportArgs({ by: values.by, from: values.from, to: values.to, format: values.format });
      if (!args.ok) throw new UsageError(args.message);
      process.stdout.write(await runReport(config(values.config), args.params, args.format, new Date()));
      return 0;
    }
    case 'archive': {
      const { readArchiveArgs, runArchive } = await import('./archive.js');
      const args = readArchiveArgs(rest, values);
      if (!args.ok) throw new UsageError(args.message);
      const { exitCode, output } = await runArchive(config(values.config), args.command, new Date());
      process.stdout.write(output);
      return exitCode;
    }
    case 'topics': {
      const { readTopicsArgs } = await import('./topics.js');
      const args = readTopicsArgs(rest, values);
      if (!args.ok) throw new UsageError(args.message);
      const { topicsCommand } = await import('./operator-commands.js');
      const cfg = config(values.config);
      process.stdout.write(await topicsCommand(cfg, operatorLogger(), args.format));
      return 0;
    }
    case 'peek': {
      const { readPeekArgs } = await import('./peek.js');
      const args = readPeekArgs(rest, values);
      if (!args.ok) throw new UsageError(args.message);
      const { peekCommand } = await import('./operator-commands.js');
      const cfg = config(values.config);
      // Ctrl-C ends a peek (above all a --follow) cleanly: its throwaway group is deleted.
      const stopping = new AbortController();
      void waitForSignal().then(() => stopping.abort());
      await peekCommand(cfg, operatorLogger(), args.command, operatorIo, stopping.signal);
      return 0;
    }
    case 'dlq': {
      const { readDlqArgs } = await import('./dlq.js');
      const args = readDlqArgs(rest, values, osUser());
      if (!args.ok) throw new UsageError(args.message);
      const { dlqCommand } = await import('./operator-commands.js');
      return dlqCommand(config(values.config), operatorLogger(), args.command, operatorIo, () => new Date());
    }
    case 'kafka': {
      const cfg = config(values.config);
      const options = { dir: resolve(cfg.dataDir, 'kafka'), port: cfg.kafka.localPort, log: (m: string) => process.stderr.write(`${m}\n`) };
      const { kafkaStatus, startKafka, stopKafka } = await import('../infra/kafka/launcher.js');
      const action = rest[0];
      if (action === 'start') out(JSON.stringify(await startKafka(options)));
      else if (action === 'stop') await stopKafka(options);
      else if (action === 'status') {
        const status = await kafkaStatus(options);
        out(JSON.stringify(status));
        return status.running ? 0 : 3;
      } else throw new UsageError('kafka needs start, stop or status');
      return 0;
    }
    case 'demo': {
      const cfg = config(values.config);
      // The demo talks to a person on stdout; only errors go to the JSON log on stderr.
      const logger = createLogger({ level: env.INTAKE_LOG_LEVEL ?? 'error' });
      const { runDemo } = await import('./demo.js');
      await runDemo(cfg, logger, resolve(packageRoot, 'fixtures/webform'), out);
      return 0;
    }
    default:
      throw new UsageError(`unknown command ${command}`);
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    process.stderr.write(`intake: ${(error as Error).message}\n${usage}\n`);
    process.exitCode = 2;
  } else if (error instanceof IntakeError) {
    process.stderr.write(`intake: ${error.code}: ${error.message}\n`);
    process.exitCode = error.code === 'INTAKE_CONFIG_INVALID' || error.code === 'INTAKE_CONFIG_UNREADABLE' || error.code === 'INTAKE_REQUEST_INVALID' || error.code === 'INTAKE_INPUT_UNREADABLE' || error.code === 'INTAKE_CHANNEL_NOT_BUILT' ? 2 : 1;
  } else {
    process.stderr.write(`intake: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  }
}
