/** SMS outcomes as the normalizer publishes them, the settings they are acknowledged with, and the runner's memory doubles. */
import type { AcknowledgementClaim, AcknowledgementResult, AcknowledgementStore } from '../../acknowledge/store-port.js';
import { smsAcknowledgementSettings } from '../../acknowledge/sms-settings.js';
import type { DecisionKind, Outcome } from '../../schemas/types.generated.js';
import type { Bus, IncomingMessage, SubscribeOptions } from '../../runtime/kafka/types.js';
import { RecordingPublisher } from '../support/recording-publisher.js';
import { decision } from '../sink/decision-fixture.js';
import { unusedBusParts } from '../support/unused-bus-parts.js';

export const now = new Date('2026-03-10T09:05:00.000Z');
export const ourNumber = '+908502001187';
export const customerNumber = '+905321234567';
export const smsSettings = smsAcknowledgementSettings({ from: ourNumber, maxAgeHours: 24 });

/** A recorded SMS of `kind` from `customerNumber`, numbered 2026-000123, recorded a minute before `now`. */
export function smsOutcome(kind: DecisionKind = 'crm', overrides: { decision?: Partial<Outcome['decision']> } & Partial<Omit<Outcome, 'decision'>> = {}): Outcome {
  const numbered = kind === 'crm' || kind === 'needs-info';
  const { decision: decisionOverrides, ...rest } = overrides;
  const base = decision(kind, '2026-03-10T09:00:00.000Z', { channel: 'sms' });
  return {
    schemaVersion: 1,
    decision: {
      ...base,
      customer: { ...base.customer, phone: customerNumber },
      provenance: { phone: { source: 'sender', confidence: 1 } },
      ...decisionOverrides,
    },
    applicationNumber: numbered ? '2026-000123' : null,
    recordedAt: '2026-03-10T09:04:00.000Z',
    firstWrite: true,
    ...rest,
  };
}

interface Row { claim: AcknowledgementClaim; result: AcknowledgementResult | null }

/** The acknowledgements table in a map, keyed (item_id, channel) like the real one. */
export class MemoryStore implements AcknowledgementStore {
  readonly rows = new Map<string, Row>();

  static key(claim: Pick<AcknowledgementClaim, 'itemId' | 'channel'>): string {
    return `${claim.itemId}/${claim.channel}`;
  }

  async claimAcknowledgement(claim: AcknowledgementClaim): Promise<boolean> {
    if (this.rows.has(MemoryStore.key(claim))) return false;
    this.rows.set(MemoryStore.key(claim), { claim, result: null });
    return true;
  }

  async finishAcknowledgement(claim: AcknowledgementClaim, result: AcknowledgementResult): Promise<void> {
    const row = this.rows.get(MemoryStore.key(claim));
    if (row && row.result === null) row.result = result;
  }
}

/** A bus whose subscriptions hand each delivered batch straight to their handlers, each group once. */
export function directBus(): Bus & { deliver(...messages: IncomingMessage[]): Promise<void>; groups: SubscribeOptions[] } {
  const bus = {
    ...unusedBusParts,
    groups: [] as SubscribeOptions[],
    ensureTopics: async () => undefined,
    publisher: () => new RecordingPublisher(),
    subscribe: async (o: SubscribeOptions) => { bus.groups.push(o); return { stop: async () => undefined }; },
    close: async () => undefined,
    async deliver(...messages: IncomingMessage[]) {
      for (const group of bus.groups) await group.handleBatch(messages, { heartbeat: async () => undefined });
    },
  };
  return bus;
}

let offset = 0;
export const message = (value: Outcome | string, topic = 'intake.crm.v1'): IncomingMessage => ({
  topic, partition: 0, offset: String(offset++), key: 'k', value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)), headers: {},
});
