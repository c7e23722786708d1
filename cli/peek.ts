/**
 * `intake peek TOPIC`: a topic's messages, one JSON line each, decoded and checked against their
 * schema, personal data masked unless `--unmask`. It reads as an onlooker (`Bus.browse`): no real
 * consumer group is joined or moved, nothing is committed.
 */
import type { Bus, BrowseStart } from '../runtime/kafka/types.js';
import { viewMessage } from './message-view.js';

/** Without `--follow` and `--last`, at most this many messages unless `--limit` says otherwise. */
export const DEFAULT_PEEK_LIMIT = 20;
const MAX_COUNT = 1_000_000;

export interface PeekCommand {
  topic: string;
  start: BrowseStart;
  follow: boolean;
  /** Stop after this many; null: at the end (or never, following). */
  limit: number | null;
  unmask: boolean;
}

type Flags = Readonly<Record<string, string | boolean | undefined>>;
type Reading = { ok: true; command: PeekCommand } | { ok: false; message: string };

const PEEK_FLAGS = new Set(['follow', 'limit', 'from-beginning', 'last', 'unmask', 'config', 'help']);

/** A whole number from 1 to a million, or null. */
export function count(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,7}$/.test(text.trim())) return null;
  const n = Number(text);
  return n >= 1 && n <= MAX_COUNT ? n : null;
}

/**
 * Checks `peek TOPIC` and its flags; on failure one message naming every problem. Where it starts:
 * the beginning (the default, `--from-beginning`) or the last N messages of each partition
 * (`--last N`). Without `--follow` it ends at the topic's end as it was when it started, after
 * `--limit` messages (default {@link DEFAULT_PEEK_LIMIT} from the beginning, none after `--last`).
 */
export function readPeekArgs(args: readonly string[], flags: Flags): Reading {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(flags)) if (value !== undefined && !PEEK_FLAGS.has(name)) problems.push(`--${name} does not go with peek`);
  const [topic] = args;
  if (args.length !== 1 || topic === undefined || topic.trim() === '') problems.push('peek needs one TOPIC');
  const follow = flags.follow === true;
  const limitText = typeof flags.limit === 'string' ? flags.limit : undefined;
  const limit = count(limitText);
  if (limitText !== undefined && limit === null) problems.push(`--limit must be a whole number from 1 to ${MAX_COUNT}`);
  const lastText = typeof flags.last === 'string' ? flags.last : undefined;
  const last = count(lastText);
  if (lastText !== undefined && last === null) problems.push(`--last must be a whole number from 1 to ${MAX_COUNT}`);
  if (lastText !== undefined && flags['from-beginning'] === true) problems.push('--from-beginning and --last exclude each other');
  if (problems.length > 0 || topic === undefined) return { ok: false, message: problems.join('\n') };
  const start: BrowseStart = last === null ? { from: 'beginning' } : { from: 'last', count: last };
  return {
    ok: true,
    command: { topic: topic.trim(), start, follow, limit: limit ?? (follow || last !== null ? null : DEFAULT_PEEK_LIMIT), unmask: flags.unmask === true },
  };
}

/**
 * Prints the messages, one JSON line each, until the limit, the end (without `--follow`) or `signal`.
 * @returns how many were printed
 * @throws IntakeError INTAKE_KAFKA_NOT_FOUND when the topic does not exist; INTAKE_KAFKA_UNAVAILABLE
 */
export async function runPeek(bus: Bus, command: PeekCommand, out: (line: string) => void, signal?: AbortSignal): Promise<number> {
  let printed = 0;
  for await (const message of bus.browse({ topic: command.topic, start: command.start, follow: command.follow, ...(signal === undefined ? {} : { signal }) })) {
    out(JSON.stringify(viewMessage(message, command.unmask)));
    printed += 1;
    if (command.limit !== null && printed >= command.limit) break;
  }
  return printed;
}
