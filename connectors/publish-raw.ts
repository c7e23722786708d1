/**
 * How every connector hands over a captured item: a gas emergency is published to the emergency
 * topic first, at once, then the raw item to the raw topic. Screening for an emergency is the one
 * judgement a connector makes itself, because the answer to the person must already say "call 187"
 * and the dispatcher must not wait behind the normalizer's queue. Resolves once Kafka acknowledged
 * both; a retry of the same item repeats them under the same key. Text over the schema's bound is
 * cut, its whole kept as a blob, before screening, so no item takes long to screen.
 *
 * A capture whose raw item can only be published later (an MMS, once its media are fetched)
 * publishes the alert at once with {@link alertIfEmergency}, and the raw item afterwards with
 * `alertPublished`, so the dispatcher hears of it once, first, and the alert is built in one place.
 *
 * Every raw item and alert passes here, so here they are counted (`intake_items_captured_total`,
 * `intake_emergencies_total`) and the hand-over timed (`intake_stage_duration_seconds{stage="capture"}`:
 * bounding, screening, the alert and the raw item's acknowledgement).
 */
import type { EmergencyAlert, RawItem } from '../schemas/types.generated.js';
import type { BlobStore } from '../runtime/blob-store.js';
import { screenItemForEmergency, type EmergencyScreen } from '../normalizer/screen-emergency.js';
import { secondsSince } from '../runtime/metrics-ports.js';
import { boundText } from './bound-text.js';
import type { ConnectorDeps } from './types.js';

export interface Published { emergency: boolean }

/** The item with its text bounded, and whether it reports a gas emergency. */
export interface Screened { item: RawItem; emergency: boolean }

export interface PublishOptions {
  /**
   * The alert of this item, if any, was published already ({@link alertIfEmergency}): the item is
   * still screened, for the raw item's `emergency` header and the answer, but no second alert goes.
   */
  alertPublished?: boolean;
}

async function screened(blobStore: BlobStore, captured: RawItem): Promise<{ item: RawItem; screen: EmergencyScreen }> {
  const item = await boundText(captured, blobStore);
  return { item, screen: screenItemForEmergency(item) };
}

/**
 * Bounds the item's text, screens it and, for a gas emergency, publishes the alert: the first half
 * of {@link publishRawItem}. Resolves once Kafka acknowledged the alert, with the bounded item.
 * @throws IntakeError INTAKE_KAFKA_UNAVAILABLE
 */
export async function alertIfEmergency(deps: ConnectorDeps, captured: RawItem): Promise<Screened> {
  const { item, screen } = await screened(deps.blobStore, captured);
  if (screen.emergency) {
    const alert: EmergencyAlert = { schemaVersion: 1, itemId: item.itemId, channel: item.channel, receivedAt: item.receivedAt, evidence: screen.evidence, item };
    await deps.publisher.publish(deps.emergencyTopic, [{ key: item.itemId, value: JSON.stringify(alert), headers: { schema: 'emergency-alert/1', channel: item.channel } }]);
    deps.metrics?.emergencyAlerted(item.channel);
  }
  return { item, emergency: screen.emergency };
}

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE */
export async function publishRawItem(deps: ConnectorDeps, captured: RawItem, options: PublishOptions = {}): Promise<Published> {
  const started = process.hrtime.bigint();
  const { item, emergency } = options.alertPublished === true
    ? await screened(deps.blobStore, captured).then((s) => ({ item: s.item, emergency: s.screen.emergency }))
    : await alertIfEmergency(deps, captured);
  await deps.publisher.publish(deps.rawTopic, [{ key: item.itemId, value: JSON.stringify(item), headers: { 'content-type': 'application/json', schema: 'raw-item/1', channel: item.channel, ...(emergency ? { emergency: 'true' } : {}) } }]);
  deps.metrics?.itemCaptured(item.channel);
  deps.metrics?.observeStage('capture', secondsSince(started));
  return { emergency };
}
