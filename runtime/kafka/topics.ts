/** The topics of the pipeline, named in one place: the configuration's `kafka.topics`. */
import type { DecisionKind } from '../../schemas/types.generated.js';
import type { Config } from '../config.js';
import type { TopicSpec } from './types.js';

export type TopicNames = Config['kafka']['topics'];

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
