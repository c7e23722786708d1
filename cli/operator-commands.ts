/**
 * `intake topics`, `intake peek` and `intake dlq` put together from the configuration: each opens
 * what it needs (the Kafka connection, the CRM database for dlq), runs, and closes it all.
 */
import type { Config } from '../runtime/config.js';
import type { Logger } from '../runtime/logger.js';
import { openDeadLetterActions } from '../sink/index.js';
import { openConfigured } from './configured-sink.js';
import { runDlq, type DlqCommand } from './dlq.js';
import { openOperatorBus } from './operator-bus.js';
import { runPeek, type PeekCommand } from './peek.js';
import { runTopics, type TopicsFormat } from './topics.js';

/** Where a command writes: its output, and progress for a person watching. */
export interface CommandIo {
  out: (line: string) => void;
  progress: (line: string) => void;
}

function heldDirMessage(dir: string, pid: unknown): string {
  return `the embedded database in ${dir} is open in another process (pid ${String(pid)}), most likely the running daemon; `
    + 'PGlite lets only one process use a data dir. Stop the daemon to use intake dlq, '
    + 'or keep the CRM in PostgreSQL (DATABASE_URL) so that the daemon and this command can both connect';
}

/** @returns the text `intake topics` prints */
export async function topicsCommand(config: Config, logger: Logger, format: TopicsFormat): Promise<string> {
  const bus = await openOperatorBus(config, logger);
  try {
    return await runTopics(bus.view(), format);
  } finally {
    await bus.close();
  }
}

/** @returns how many messages were printed */
export async function peekCommand(config: Config, logger: Logger, command: PeekCommand, io: CommandIo, signal: AbortSignal): Promise<number> {
  const bus = await openOperatorBus(config, logger);
  try {
    return await runPeek(bus, command, io.out, signal);
  } finally {
    await bus.close();
  }
}

/** The topics a dead letter may be sent back to: where our stages read their input. */
export function inputTopics(config: Config): Set<string> {
  const t = config.kafka.topics;
  return new Set([t.raw, t.transcription, t.ocr, t.media]);
}

/** @returns the exit code (see `runDlq`) */
export async function dlqCommand(config: Config, logger: Logger, command: DlqCommand, io: CommandIo, now: () => Date): Promise<number> {
  const actions = await openConfigured(config, heldDirMessage, openDeadLetterActions);
  try {
    const bus = await openOperatorBus(config, logger);
    try {
      return await runDlq({ bus, actions, deadLetterTopic: config.kafka.topics.deadLetter, inputTopics: inputTopics(config), now, ...io }, command);
    } finally {
      await bus.close();
    }
  } finally {
    await actions.close();
  }
}
