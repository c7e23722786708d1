/**
 * How every connector hands over a captured item: a gas emergency is published to the emergency
 * topic first, at once, then the raw item to the raw topic. Screening for an emergency is the one
 * judgement a connector makes itself, because the answer to the person must already say "call 187"
 * and the dispatcher must not wait behind the normalizer's queue. Resolves once Kafka acknowledged
 * both; a retry of the same item repeats them under the same key. Text over the schema's bound is
 * cut, its whole kept as a blob, before screening, so no item takes long to screen.
 */
import type { EmergencyAlert, RawItem } from '../schemas/types.generated.js';
import { screenItemForEmergency } from '../normalizer/screen-emergency.js';
import { boundText } from './bound-text.js';
import type { ConnectorDeps } from './types.js';

export interface Published { emergency: boolean }

/** @throws IntakeError INTAKE_KAFKA_UNAVAILABLE */
export async function publishRawItem(deps: ConnectorDeps, captured: RawItem): Promise<Published> {
  const item = await boundText(captured, deps.blobStore);
  const screen = screenItemForEmergency(item);
  if (screen.emergency) {
    const alert: EmergencyAlert = { schemaVersion: 1, itemId: item.itemId, channel: item.channel, receivedAt: item.receivedAt, evidence: screen.evidence, item };
    await deps.publisher.publish(deps.emergencyTopic, [{ key: item.itemId, value: JSON.stringify(alert), headers: { schema: 'emergency-alert/1', channel: item.channel } }]);
  }
  await deps.publisher.publish(deps.rawTopic, [{ key: item.itemId, value: JSON.stringify(item), headers: { 'content-type': 'application/json', schema: 'raw-item/1', channel: item.channel, ...(screen.emergency ? { emergency: 'true' } : {}) } }]);
  return { emergency: screen.emergency };
}
