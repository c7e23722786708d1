/**
 * The media job an MMS becomes (schemas/media-job.schema.json): the raw item as the webhook
 * screened it, without its media, and the media to fetch, each with its place in the message and
 * its declared type. Pure. The media workers (media-worker.ts) fetch them and publish the raw item.
 */
import type { MediaJob, RawItem } from '../../schemas/types.generated.js';
import type { OutgoingMessage } from '../../runtime/kafka/types.js';
import type { MediaLink } from './inbound-message.js';

/** Kafka header naming the job's schema, as `raw-item/1` names a raw item's. */
export const MEDIA_JOB_SCHEMA_HEADER = 'media-job/1';

export type MediaEntry = MediaJob['media'][number];

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** The media type without parameters, when it is one (and at most 200 characters); null otherwise. */
export function mediaType(contentType: string | null): string | null {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type.length <= 200 && MIME_TYPE.test(type) ? type : null;
}

/** The message's media links as the job names them: in order, numbered from 0, the declared type checked. */
export function mediaEntries(links: readonly MediaLink[]): MediaEntry[] {
  return links.map((link, index) => ({ index, url: link.url, contentType: mediaType(link.contentType) }));
}

export function mediaJob(item: RawItem, links: readonly MediaLink[]): MediaJob {
  return { schemaVersion: 1, item, media: mediaEntries(links) };
}

/** The job as published to the media topic, keyed by its item id. */
export function mediaJobMessage(job: MediaJob): OutgoingMessage {
  return { key: job.item.itemId, value: JSON.stringify(job), headers: { 'content-type': 'application/json', schema: MEDIA_JOB_SCHEMA_HEADER, channel: job.item.channel } };
}
