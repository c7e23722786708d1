/** A run's own topic names, so suites sharing a broker never read each other's messages. */
import type { TopicNames } from '../../runtime/kafka/topics.js';

export function runTopics(prefix: string): TopicNames {
  return {
    raw: `${prefix}.raw`, emergency: `${prefix}.emergency`, crm: `${prefix}.crm`, needsInfo: `${prefix}.needs-info`, archiveOnly: `${prefix}.archive-only`,
    ignored: `${prefix}.ignored`, deadLetter: `${prefix}.dead-letter`,
  };
}
