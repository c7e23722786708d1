/** The topics of the pipeline, named in one place: the configuration's `kafka.topics`. */
import type { DecisionKind } from '../../schemas/types.generated.js';
import { loadConfig, type Config } from '../config.js';
import type { TopicSpec } from './types.js';

type ConfiguredTopics = Config['kafka']['topics'];

/**
 * The topic names. The configuration always names the transcription, OCR and media topics; here
 * they are optional so that a set of topics written for a stage that never reads or writes
 * voicemail, scans or MMS (the normalizer's benches, a test run's own topics) need not name them.
 */
export type TopicNames = Omit<ConfiguredTopics, 'transcription' | 'ocr' | 'media'> & {
  readonly transcription?: ConfiguredTopics['transcription'];
  readonly ocr?: ConfiguredTopics['ocr'];
  readonly media?: ConfiguredTopics['media'];
};

/** Every topic the configuration names, under a prefix of its own (`<prefix>.raw`…): a test or bench run's topics. */
export function prefixedTopics(prefix: string): ConfiguredTopics {
  const keys = Object.keys(loadConfig({ file: null, env: {} }).kafka.topics);
  return Object.fromEntries(keys.map((key) => [key, `${prefix}.${key}`])) as ConfiguredTopics;
}

/** The outcome topic each decision kind is published to. */
export function outcomeTopic(topics: TopicNames, kind: DecisionKind): string {
  switch (kind) {
    case 'crm': return topics.crm;
    case 'needs-info': return topics.needsInfo;
    case 'archive-only': return topics.archiveOnly;
    case 'ignored': return topics.ignored;
  }
}

/** Every topic to create at start-up, with the configured partitions and replication. */
export function topicSpecs(topics: TopicNames, partitions: number, replicationFactor: number): TopicSpec[] {
  return Object.values(topics).map((name) => ({ name, partitions, replicationFactor }));
}
