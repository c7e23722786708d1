/** Where a browse starts and ends in each partition: the same rule for the real bus and the test one. */
import { IntakeError } from '../errors.js';
import type { BrowseStart } from './types.js';
import type { TopicOffsets } from './view.js';

export interface PartitionPlan {
  partition: number;
  /** The first offset to hand over. */
  from: number;
  /** Hand over offsets below this one only; null: follow, no end. */
  end: number | null;
}

/**
 * One plan per partition of the topic. Offsets are numbers: Kafka's are int64, but a partition
 * would need 2^53 messages to leave the exact range.
 * @throws IntakeError INTAKE_KAFKA_NOT_FOUND when `start` names a partition the topic does not have
 */
export function browsePlan(offsets: TopicOffsets, start: BrowseStart, follow: boolean): PartitionPlan[] {
  if (start.from === 'offsets') {
    const missing = [...start.offsets.keys()].filter((p) => !offsets.partitions.some((q) => q.partition === p));
    if (missing.length > 0) throw new IntakeError('INTAKE_KAFKA_NOT_FOUND', `topic ${offsets.topic} has no partition ${missing.join(', ')}`, { details: { topic: offsets.topic, partitions: missing } });
  }
  return offsets.partitions.map((p) => {
    const low = Number(p.start);
    const high = Number(p.end);
    const end = follow ? null : high;
    switch (start.from) {
      case 'beginning':
        return { partition: p.partition, from: low, end };
      case 'last':
        return { partition: p.partition, from: Math.max(low, high - start.count), end };
      case 'offsets': {
        const given = start.offsets.get(p.partition);
        // A partition not named is not read at all, following or not.
        return given === undefined ? { partition: p.partition, from: high, end: high } : { partition: p.partition, from: Math.max(low, Number(given)), end };
      }
    }
  });
}

/** True once nothing is left to hand over from this partition. */
export const planDone = (plan: PartitionPlan, position: number): boolean => plan.end !== null && position >= plan.end;
