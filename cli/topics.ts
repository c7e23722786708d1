/**
 * `intake topics`: every topic of the cluster with its partitions' offsets, and how far behind each
 * consumer group is on it. Read-only: it asks the admin API, it never joins a group.
 */
import type { GroupLag, KafkaView, PartitionOffsets } from '../runtime/kafka/view.js';
import { textTable } from './text-table.js';

export const topicsFormats = ['table', 'json'] as const;
export type TopicsFormat = (typeof topicsFormats)[number];

const TOPICS_FLAGS = new Set(['format', 'config', 'help']);

/** Checks `topics [--format table|json]`; a flag of another command is refused rather than ignored. */
export function readTopicsArgs(args: readonly string[], flags: Readonly<Record<string, string | boolean | undefined>>): { ok: true; format: TopicsFormat } | { ok: false; message: string } {
  const problems: string[] = [];
  if (args.length > 0) problems.push('topics takes no arguments besides its flags');
  for (const [name, value] of Object.entries(flags)) if (value !== undefined && !TOPICS_FLAGS.has(name)) problems.push(`--${name} does not go with topics`);
  const format = typeof flags.format === 'string' ? flags.format : 'table';
  if (!(topicsFormats as readonly string[]).includes(format)) problems.push(`--format must be one of: ${topicsFormats.join(', ')}`);
  return problems.length > 0 ? { ok: false, message: problems.join('\n') } : { ok: true, format: format as TopicsFormat };
}

/** One group on one topic: its lag summed over the partitions, and per partition. */
export interface TopicGroup {
  groupId: string;
  lag: number;
  partitions: Omit<GroupLag, 'groupId' | 'topic'>[];
}

export interface TopicSummary {
  topic: string;
  /** Messages still kept, summed over the partitions (`end - start`). */
  messages: number;
  partitions: PartitionOffsets[];
  /** The groups that committed on it, by id. */
  groups: TopicGroup[];
}

export interface TopicsDocument { topics: TopicSummary[] }

/** What `intake topics --format json` prints. @throws IntakeError INTAKE_KAFKA_UNAVAILABLE */
export async function topicsDocument(view: KafkaView): Promise<TopicsDocument> {
  const [offsets, groups] = await Promise.all([view.topicOffsets(), view.groups()]);
  const lags = (await Promise.all(groups.map((g) => view.groupLag(g)))).flat();
  return {
    topics: offsets.map(({ topic, partitions }) => {
      const byGroup = new Map<string, TopicGroup>();
      for (const lag of lags.filter((l) => l.topic === topic)) {
        const group = byGroup.get(lag.groupId) ?? { groupId: lag.groupId, lag: 0, partitions: [] };
        group.lag += lag.lag;
        group.partitions.push({ partition: lag.partition, committed: lag.committed, end: lag.end, lag: lag.lag });
        byGroup.set(lag.groupId, group);
      }
      const messages = partitions.reduce((sum, p) => sum + Number(p.end) - Number(p.start), 0);
      return { topic, messages, partitions, groups: [...byGroup.values()].sort((a, b) => a.groupId.localeCompare(b.groupId)) };
    }),
  };
}

/**
 * One line per partition and group reading it (a partition no group committed on gets one line
 * with `-`), so that `grep` finds a topic's or a group's lines.
 */
export function formatTopicsTable(doc: TopicsDocument): string {
  const rows: string[][] = [];
  for (const t of doc.topics) {
    for (const p of t.partitions) {
      const readers = t.groups.flatMap((g) => g.partitions.filter((q) => q.partition === p.partition).map((q) => ({ groupId: g.groupId, ...q })));
      const offsets = [t.topic, String(p.partition), p.start, p.end];
      if (readers.length === 0) rows.push([...offsets, '-', '-', '-']);
      for (const r of readers) rows.push([...offsets, r.groupId, r.committed ?? '-', String(r.lag)]);
    }
  }
  const groups = new Set(doc.topics.flatMap((t) => t.groups.map((g) => g.groupId)));
  const caption = `${doc.topics.length} topics, ${groups.size} consumer groups with committed offsets (lag = end - committed; never committed: end - start)`;
  const lines = [caption];
  if (rows.length > 0) lines.push('', ...textTable(['topic', 'partition', 'start', 'end', 'group', 'committed', 'lag'], rows, new Set([1, 2, 3, 5, 6])));
  return lines.map((line) => `${line}\n`).join('');
}

/** The output of `intake topics`. */
export async function runTopics(view: KafkaView, format: TopicsFormat): Promise<string> {
  const doc = await topicsDocument(view);
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : formatTopicsTable(doc);
}
