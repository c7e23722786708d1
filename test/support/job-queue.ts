/**
 * What the enrich-stage worker tests share: jobs appended to an in-memory topic and waited on
 * until the group has drained them, and the raw items the worker published.
 */
import assert from 'node:assert/strict';
import { validateRawItem } from '../../runtime/schemas.js';
import type { RawItem } from '../../schemas/types.generated.js';
import type { MemoryBus } from './memory-bus.js';
import type { RecordingPublisher } from './recording-publisher.js';

/** Appends the jobs, keyed by item id, and resolves once the group has handled all of them. */
export async function enqueueJobs(bus: MemoryBus, topic: string, groupId: string, jobs: readonly { itemId: string }[]): Promise<void> {
  bus.append(topic, jobs.map((job) => ({ key: job.itemId, value: JSON.stringify(job) })));
  await bus.drained(groupId);
}

export function publishedItems(publisher: RecordingPublisher, rawTopic: string): RawItem[] {
  return publisher.published.filter((p) => p.topic === rawTopic).map((p) => JSON.parse(String(p.message.value)) as RawItem);
}

/** The one raw item published, checked against its schema. */
export function onlyPublishedItem(publisher: RecordingPublisher, rawTopic: string): RawItem {
  const all = publishedItems(publisher, rawTopic);
  assert.equal(all.length, 1);
  const [item] = all;
  assert.ok(item !== undefined && validateRawItem(item), JSON.stringify(validateRawItem.errors));
  return item;
}
