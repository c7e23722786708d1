/** The normalizer's store in memory, for tests of its runner: records in a map, numbered as the sink numbers them. */
import type { Decision, Subscriber } from '../../schemas/types.generated.js';
import type { Person, RecentApplication } from '../../normalizer/link-duplicate.js';
import type { DecisionStore, Recorded } from '../../normalizer/store-port.js';

/** A store that keeps records in a map; `fail` decides what a recordAll call throws. */
export class MemoryStore implements DecisionStore {
  readonly stored = new Map<string, Recorded>();
  readonly recordCalls: number[] = [];
  fail: (decisions: readonly Decision[]) => Error | null = () => null;

  async findSubscribers(): Promise<ReadonlyMap<string, Subscriber>> {
    return new Map();
  }

  async applicationsByNumber(numbers: readonly string[]): Promise<ReadonlyMap<string, RecentApplication>> {
    const wanted = new Set(numbers);
    return new Map([...this.stored.values()].filter((r) => r.applicationNumber !== null && wanted.has(r.applicationNumber)).map((r) => [r.applicationNumber as string, this.asRecent(r)]));
  }

  private asRecent(r: Recorded): RecentApplication {
    return { itemId: r.decision.itemId, applicationNumber: r.applicationNumber, receivedAt: r.decision.receivedAt, nationalId: r.decision.customer.nationalId, phone: r.decision.customer.phone, email: r.decision.customer.email, topicMain: r.decision.topic?.main ?? null, description: r.decision.description };
  }

  async recentApplicationsOf(persons: readonly Person[]): Promise<RecentApplication[]> {
    const phones = new Set(persons.map((p) => p.phone));
    return [...this.stored.values()]
      .filter((r) => r.applicationNumber !== null && phones.has(r.decision.customer.phone))
      .map((r) => this.asRecent(r));
  }

  async recordAll(decisions: readonly Decision[], now: Date): Promise<Recorded[]> {
    this.recordCalls.push(decisions.length);
    const error = this.fail(decisions);
    if (error) throw error;
    return decisions.map((given) => {
      const earlier = this.stored.get(given.itemId);
      const target = given.linkedTo;
      // As the sink does: a repeat of a first record of the same call takes that record's number.
      const decision = target !== null && target.applicationNumber === null ? { ...given, linkedTo: { itemId: target.itemId, applicationNumber: this.stored.get(target.itemId)?.applicationNumber ?? null } } : given;
      if (earlier) return { ...earlier, firstWrite: false };
      const numbered = (decision.kind === 'crm' || decision.kind === 'needs-info') && decision.linkedTo === null;
      const applicationNumber = numbered ? `2026-${String(this.stored.size + 1).padStart(6, '0')}` : null;
      const recorded = { decision, applicationNumber, recordedAt: now.toISOString(), firstWrite: true };
      this.stored.set(decision.itemId, recorded);
      return recorded;
    });
  }
}

