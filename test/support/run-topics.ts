/** A run's own topic names, so suites sharing a broker never read each other's messages. */
import { prefixedTopics } from '../../runtime/kafka/topics.js';

export const runTopics = prefixedTopics;
