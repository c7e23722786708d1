/**
 * `intake dlq list|show|replay|drop`: the dead letters of `kafka.topics.deadLetter`, with why each
 * was set aside; sending one back to the topic it came from once the cause is fixed, or dropping it
 * with a reason. Each replay and drop is recorded in the CRM database (`dead_letter_actions`), so
 * `list` shows what is handled and `replay --all` never sends one twice; and a replayed item is one
 * item anyway, its id being unique in the database.
 */
import { istanbulTime } from '../reports/format-table.js';
import type { Bus, BrowsedMessage, OutgoingMessage } from '../runtime/kafka/types.js';
import { IntakeError } from '../runtime/errors.js';
import { positionKey, type DeadLetterAction, type DeadLetterActions } from '../sink/index.js';
import { deadLetterInfo, notReplayable, replayMessage, type DeadLetterInfo, type NotReplayable } from './dead-letter-info.js';
import { viewMessage } from './message-view.js';
import { count } from './peek.js';
import { progress } from './progress.js';
import { textTable } from './text-table.js';

export const dlqActions = ['list', 'show', 'replay', 'drop'] as const;
export type DlqAction = (typeof dlqActions)[number];
export const dlqFormats = ['table', 'json'] as const;
export type DlqFormat = (typeof dlqFormats)[number];

const DEFAULT_LIST_LIMIT = 100;
const MAX_BY = 200;
const MAX_REASON = 1000;
/** A replay sends at most this many messages, and about this many bytes, in one request. */
const SEND_MESSAGES = 100;
const SEND_BYTES = 512 * 1024;

/** A dead letter's place in its topic. */
export interface Position { partition: number; offset: string }

export type DlqCommand =
  | { action: 'list'; limit: number; format: DlqFormat }
  | { action: 'show'; position: Position; unmask: boolean }
  | { action: 'replay'; targets: 'all' | Position[]; dryRun: boolean; by: string; reason: string | null }
  | { action: 'drop'; positions: Position[]; by: string; reason: string };

type Flags = Readonly<Record<string, string | boolean | undefined>>;
type Reading = { ok: true; command: DlqCommand } | { ok: false; message: string };

const FLAGS: Record<DlqAction, readonly string[]> = {
  list: ['limit', 'format'],
  show: ['unmask'],
  replay: ['all', 'dry-run', 'by', 'reason'],
  drop: ['by', 'reason'],
};
const COMMON_FLAGS = ['config', 'help'];

/** `3:1207` → partition 3, offset 1207; null when it is not that. */
export function parsePosition(text: string): Position | null {
  const match = /^(\d{1,5}):(\d{1,19})$/.exec(text.trim());
  if (match === null) return null;
  const offset = BigInt(match[2] ?? '').toString();
  return { partition: Number(match[1]), offset };
}

function text(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

function positions(args: readonly string[], problems: string[]): Position[] {
  const read: Position[] = [];
  for (const arg of args) {
    const position = parsePosition(arg);
    if (position === null) problems.push(`${JSON.stringify(arg)} is not PARTITION:OFFSET (such as 0:42)`);
    else if (!read.some((p) => positionKey(p) === positionKey(position))) read.push(position);
  }
  return read;
}

function who(flags: Flags, defaultBy: string, problems: string[]): string {
  const by = (text(flags, 'by') ?? defaultBy).trim();
  if (by === '') problems.push('--by must name who acts (no operating-system user name was found)');
  else if (by.length > MAX_BY) problems.push(`--by must be at most ${MAX_BY} characters`);
  return by;
}

function reasonOf(flags: Flags, required: boolean, problems: string[]): string | null {
  const reason = text(flags, 'reason')?.trim();
  if (reason === undefined || reason === '') {
    if (required) problems.push('--reason must say why the dead letters are dropped');
    return null;
  }
  if (reason.length > MAX_REASON) problems.push(`--reason must be at most ${MAX_REASON} characters`);
  return reason;
}

/**
 * Checks `dlq ACTION ...` and its flags; on failure one message naming every problem.
 * @param defaultBy who acts when `--by` is not given: the operating-system user
 */
export function readDlqArgs(args: readonly string[], flags: Flags, defaultBy: string): Reading {
  const [action, ...rest] = args;
  if (action === undefined || !(dlqActions as readonly string[]).includes(action)) return { ok: false, message: `dlq needs one of: ${dlqActions.join(', ')}` };
  const act = action as DlqAction;
  const problems: string[] = [];
  const allowed = new Set([...FLAGS[act], ...COMMON_FLAGS]);
  for (const [name, value] of Object.entries(flags)) if (value !== undefined && !allowed.has(name)) problems.push(`--${name} does not go with dlq ${act}`);
  const done = (command: DlqCommand): Reading => (problems.length > 0 ? { ok: false, message: problems.join('\n') } : { ok: true, command });
  switch (act) {
    case 'list': {
      if (rest.length > 0) problems.push('dlq list takes no arguments besides its flags');
      const limitText = text(flags, 'limit');
      const limit = limitText === undefined ? DEFAULT_LIST_LIMIT : count(limitText);
      if (limit === null) problems.push('--limit must be a whole number from 1 to 1000000');
      const format = text(flags, 'format') ?? 'table';
      if (!(dlqFormats as readonly string[]).includes(format)) problems.push(`--format must be one of: ${dlqFormats.join(', ')}`);
      return done({ action: 'list', limit: limit ?? DEFAULT_LIST_LIMIT, format: format as DlqFormat });
    }
    case 'show': {
      const read = positions(rest, problems);
      if (rest.length !== 1) problems.push('dlq show needs one PARTITION:OFFSET');
      return done({ action: 'show', position: read[0] ?? { partition: 0, offset: '0' }, unmask: flags.unmask === true });
    }
    case 'replay': {
      const read = positions(rest, problems);
      const all = flags.all === true;
      if (all && rest.length > 0) problems.push('dlq replay takes PARTITION:OFFSET... or --all, not both');
      if (!all && rest.length === 0) problems.push('dlq replay needs PARTITION:OFFSET... or --all');
      return done({ action: 'replay', targets: all ? 'all' : read, dryRun: flags['dry-run'] === true, by: who(flags, defaultBy, problems), reason: reasonOf(flags, false, problems) });
    }
    case 'drop': {
      const read = positions(rest, problems);
      if (rest.length === 0) problems.push('dlq drop needs PARTITION:OFFSET...');
      return done({ action: 'drop', positions: read, by: who(flags, defaultBy, problems), reason: reasonOf(flags, true, problems) ?? '' });
    }
  }
}

/** What `intake dlq` works with; the caller opens and closes them. */
export interface DlqDeps {
  bus: Bus;
  actions: DeadLetterActions;
  deadLetterTopic: string;
  /** The topics a replay may write to: the configured raw topic and job topics. */
  inputTopics: ReadonlySet<string>;
  now: () => Date;
  /** A line of the command's output (stdout). */
  out: (line: string) => void;
  /** A progress line (stderr). */
  progress: (line: string) => void;
}

/** A dead letter with what was done with it. */
export interface DeadLetterEntry extends DeadLetterInfo { handled: DeadLetterAction | null }

/** How `replay` and `drop` end when some named dead letter was left alone (handled before, or not replayable). */
export const SOME_LEFT_ALONE = 3;

function notFound(topic: string, missing: readonly Position[]): IntakeError {
  const names = missing.map(positionKey);
  return new IntakeError('INTAKE_KAFKA_NOT_FOUND', `no dead letter at ${names.join(', ')} in ${topic} (beyond its end, or deleted by retention); nothing was done`, { details: { topic, positions: names } });
}

/**
 * The named dead letters, read from the lowest offset named in each partition.
 * @throws IntakeError INTAKE_KAFKA_NOT_FOUND naming every one that is not there
 */
async function readAt(deps: DlqDeps, wanted: readonly Position[]): Promise<Map<string, BrowsedMessage>> {
  const from = new Map<number, string>();
  for (const p of wanted) {
    const lowest = from.get(p.partition);
    if (lowest === undefined || BigInt(p.offset) < BigInt(lowest)) from.set(p.partition, p.offset);
  }
  const keys = new Set(wanted.map(positionKey));
  const found = new Map<string, BrowsedMessage>();
  for await (const message of deps.bus.browse({ topic: deps.deadLetterTopic, start: { from: 'offsets', offsets: from } })) {
    const key = positionKey(message);
    if (keys.has(key)) found.set(key, message);
    if (found.size === keys.size) break;
  }
  const missing = wanted.filter((p) => !found.has(positionKey(p)));
  if (missing.length > 0) throw notFound(deps.deadLetterTopic, missing);
  return found;
}

function handledCell(action: DeadLetterAction | null): string {
  if (action === null) return '-';
  return `${action.action} by ${action.by} ${istanbulTime(action.at)}${action.reason === null ? '' : `: ${action.reason}`}`;
}

async function list(deps: DlqDeps, command: Extract<DlqCommand, { action: 'list' }>): Promise<number> {
  const topic = deps.deadLetterTopic;
  const [[offsets], actions] = await Promise.all([deps.bus.view().topicOffsets([topic]), deps.actions.onTopic(topic)]);
  const kept = (offsets?.partitions ?? []).reduce((sum, p) => sum + Number(p.end) - Number(p.start), 0);
  const entries: DeadLetterEntry[] = [];
  for await (const message of deps.bus.browse({ topic, start: { from: 'beginning' } })) {
    entries.push({ ...deadLetterInfo(message, deps.inputTopics), handled: actions.get(positionKey(message)) ?? null });
    if (entries.length > command.limit) break;
  }
  const more = entries.length > command.limit;
  const shown = entries.slice(0, command.limit);
  if (command.format === 'json') {
    deps.out(JSON.stringify({ topic, kept, handled: actions.size, items: shown, more }, null, 2));
    return 0;
  }
  deps.out(`${topic}: ${kept} dead letters kept, ${actions.size} handled (replayed or dropped); ${more ? `the first ${shown.length}` : `${shown.length} shown`}, oldest first (Istanbul time)`);
  if (shown.length === 0) return 0;
  const rows = shown.map((e) => [
    e.position, istanbulTime(e.timestamp), e.errorCode ?? '-', e.from, e.replay.possible ? `to ${e.replay.topic}` : notReplayable[e.replay.reason].label, handledCell(e.handled),
  ]);
  deps.out('');
  for (const line of textTable(['dead letter', 'set aside', 'code', 'from', 'replay', 'handled'], rows)) deps.out(line);
  const reasons = new Set(shown.flatMap((e) => (e.replay.possible ? [] : [e.replay.reason])));
  if (reasons.size > 0) {
    deps.out('');
    for (const reason of reasons) deps.out(`${notReplayable[reason].label}: ${notReplayable[reason].meaning}`);
  }
  if (more) deps.out(`\nmore are kept: raise --limit, or see one with intake dlq show PARTITION:OFFSET`);
  return 0;
}

async function show(deps: DlqDeps, command: Extract<DlqCommand, { action: 'show' }>): Promise<number> {
  const [found, actions] = await Promise.all([readAt(deps, [command.position]), deps.actions.onTopic(deps.deadLetterTopic)]);
  const message = found.get(positionKey(command.position));
  if (message === undefined) throw notFound(deps.deadLetterTopic, [command.position]);
  const entry: DeadLetterEntry = { ...deadLetterInfo(message, deps.inputTopics), handled: actions.get(positionKey(message)) ?? null };
  deps.out(JSON.stringify({ ...entry, message: viewMessage(message, command.unmask) }, null, 2));
  return 0;
}

/** Why a named dead letter is left alone, as an output line. */
function leftAlone(info: DeadLetterInfo, handled: DeadLetterAction | null): Record<string, unknown> | null {
  if (handled !== null) return { deadLetter: info.position, result: `already-${handled.action}`, by: handled.by, at: handled.at };
  if (!info.replay.possible) return { deadLetter: info.position, result: 'not-replayable', reason: info.replay.reason, why: info.replay.why };
  return null;
}

/** Consecutive dead letters going to one topic, in requests of bounded size. */
function sends(replays: readonly { message: BrowsedMessage; topic: string }[]): { topic: string; batch: { message: BrowsedMessage; out: OutgoingMessage }[] }[] {
  const out: { topic: string; batch: { message: BrowsedMessage; out: OutgoingMessage }[]; bytes: number }[] = [];
  for (const r of replays) {
    const outgoing = replayMessage(r.message);
    const bytes = (r.message.value?.length ?? 0) + Buffer.byteLength(outgoing.key);
    const last = out.at(-1);
    if (last !== undefined && last.topic === r.topic && last.batch.length < SEND_MESSAGES && last.bytes + bytes <= SEND_BYTES) {
      last.batch.push({ message: r.message, out: outgoing });
      last.bytes += bytes;
    } else {
      out.push({ topic: r.topic, batch: [{ message: r.message, out: outgoing }], bytes });
    }
  }
  return out;
}

async function replay(deps: DlqDeps, command: Extract<DlqCommand, { action: 'replay' }>): Promise<number> {
  const topic = deps.deadLetterTopic;
  const actions = await deps.actions.onTopic(topic);
  const replays: { message: BrowsedMessage; topic: string }[] = [];
  const skipped: Record<'handled' | NotReplayable, number> = { handled: 0, mail: 0, file: 0, 'no-value': 0, 'other-topic': 0, 'no-origin': 0 };
  let leftAloneNamed = 0;
  const consider = (message: BrowsedMessage, named: boolean): void => {
    const info = deadLetterInfo(message, deps.inputTopics);
    const handled = actions.get(info.position) ?? null;
    const alone = leftAlone(info, handled);
    if (alone === null && info.replay.possible) {
      replays.push({ message, topic: info.replay.topic });
      return;
    }
    if (handled !== null) skipped.handled += 1;
    else if (!info.replay.possible) skipped[info.replay.reason] += 1;
    if (named) leftAloneNamed += 1;
    // With --all, handled ones are only counted: they are most of a long-lived topic.
    if (alone !== null && (named || handled === null)) deps.out(JSON.stringify(alone));
  };
  if (command.targets === 'all') {
    for await (const message of deps.bus.browse({ topic, start: { from: 'beginning' } })) consider(message, false);
  } else {
    const found = await readAt(deps, command.targets);
    for (const p of command.targets) {
      const message = found.get(positionKey(p));
      if (message !== undefined) consider(message, true);
    }
  }
  let replayed = 0;
  if (command.dryRun) {
    for (const r of replays) deps.out(JSON.stringify({ deadLetter: positionKey(r.message), result: 'would-replay', to: r.topic, key: r.message.key }));
  } else if (replays.length > 0) {
    const shown = progress('replayed', replays.length, deps.progress);
    const publisher = deps.bus.publisher();
    try {
      for (const send of sends(replays)) {
        await publisher.publish(send.topic, send.batch.map((b) => b.out));
        // Recorded once Kafka took them: a crash in between sends them again next time, and the
        // item id makes that harmless.
        const at = deps.now().toISOString();
        await deps.actions.record(send.batch.map((b) => ({ topic, partition: b.message.partition, offset: b.message.offset, action: 'replayed', by: command.by, at, reason: command.reason, replayedTo: send.topic })));
        for (const b of send.batch) deps.out(JSON.stringify({ deadLetter: positionKey(b.message), result: 'replayed', to: send.topic, key: b.out.key }));
        replayed += send.batch.length;
        shown.advance(send.batch.length);
      }
    } finally {
      shown.done();
      await publisher.close();
    }
  }
  const notReplayableCount = Object.entries(skipped).filter(([k]) => k !== 'handled').reduce((sum, [, n]) => sum + n, 0);
  deps.out(JSON.stringify({ [command.dryRun ? 'wouldReplay' : 'replayed']: command.dryRun ? replays.length : replayed, alreadyHandled: skipped.handled, notReplayable: notReplayableCount }));
  return leftAloneNamed > 0 ? SOME_LEFT_ALONE : 0;
}

async function drop(deps: DlqDeps, command: Extract<DlqCommand, { action: 'drop' }>): Promise<number> {
  const topic = deps.deadLetterTopic;
  const [found, actions] = await Promise.all([readAt(deps, command.positions), deps.actions.onTopic(topic)]);
  const at = deps.now().toISOString();
  // Every named one is there (readAt throws otherwise); those handled before are left as they are.
  const open = [...found.values()].filter((m) => !actions.has(positionKey(m)));
  const recorded = new Set((await deps.actions.record(open.map((m) => ({ topic, partition: m.partition, offset: m.offset, action: 'dropped', by: command.by, at, reason: command.reason, replayedTo: null })))).map(positionKey));
  // Someone else acted on one while this ran: the first action stands.
  const now = recorded.size === open.length ? actions : await deps.actions.onTopic(topic);
  let alone = 0;
  for (const p of command.positions) {
    const key = positionKey(p);
    if (recorded.has(key)) {
      deps.out(JSON.stringify({ deadLetter: key, result: 'dropped' }));
      continue;
    }
    alone += 1;
    const handled = now.get(key) ?? null;
    deps.out(JSON.stringify({ deadLetter: key, result: `already-${handled?.action ?? 'handled'}`, by: handled?.by ?? null, at: handled?.at ?? null }));
  }
  return alone > 0 ? SOME_LEFT_ALONE : 0;
}

/**
 * Runs one dlq command.
 * @returns the exit code: 0, or {@link SOME_LEFT_ALONE} when a named dead letter was left alone
 * @throws IntakeError INTAKE_KAFKA_NOT_FOUND for a named dead letter that is not there (nothing is
 *   done); INTAKE_KAFKA_UNAVAILABLE; INTAKE_DB_UNAVAILABLE
 */
export async function runDlq(deps: DlqDeps, command: DlqCommand): Promise<number> {
  switch (command.action) {
    case 'list': return list(deps, command);
    case 'show': return show(deps, command);
    case 'replay': return replay(deps, command);
    case 'drop': return drop(deps, command);
  }
}
