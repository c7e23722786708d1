import { randomUUID } from 'node:crypto';
import type { Customer, Decision, DecisionKind } from '../../schemas/types.generated.js';

/** A made-up customer; the national ID passes the checksum (10000000146). */
export const customer: Customer = {
  fullName: 'Ayşe Yılmaz',
  nationalId: '10000000146',
  contractAccountNumber: '1234567890',
  phone: '+905321234567',
  email: 'ayse@example.com',
  district: 'Kadıköy',
  address: 'Moda Cad. 1',
  isSubscriber: true,
};

// What the normalizer would plausibly say for each kind; the sink does not re-check this.
const byKind: Record<DecisionKind, Pick<Decision, 'reasons' | 'missing' | 'customer'>> = {
  crm: { reasons: ['COMPLETE', 'TOPIC_FROM_FORM', 'PROPOSED_SOLUTION_KEPT'], missing: [], customer },
  'needs-info': { reasons: ['MISSING_NATIONAL_ID'], missing: ['nationalId'], customer: { ...customer, nationalId: null } },
  'archive-only': {
    reasons: ['PAPER_INCOMPLETE_ARCHIVED', 'MISSING_CONTACT'],
    missing: ['contact'],
    customer: { ...customer, phone: null, email: null, address: null },
  },
  ignored: {
    reasons: ['AUTO_REPLY'],
    missing: [],
    customer: { fullName: null, nationalId: null, contractAccountNumber: null, phone: null, email: null, district: null, address: null, isSubscriber: null },
  },
};

/** A unique item id, so tests sharing one database never collide. */
export function itemId(label = 'item'): string {
  return `test-${label}-${randomUUID()}`;
}

/** A schema-valid decision of `kind`, received at `receivedAt`, with `overrides` on top. */
export function decision(kind: DecisionKind, receivedAt = '2026-03-10T09:00:00.000Z', overrides: Partial<Decision> = {}): Decision {
  const { reasons, missing, customer: who } = byKind[kind];
  const routed = kind === 'crm' || kind === 'needs-info';
  const base: Decision = {
    itemId: itemId(kind),
    channel: kind === 'archive-only' ? 'fax' : 'webform',
    receivedAt,
    kind,
    emergency: false,
    reasons,
    missing,
    topicEvidence: [],
    emergencyEvidence: [],
    registry: { status: 'not-looked-up', mismatches: [], updates: {} },
    contactPerson: null,
    linkedTo: null,
    caseRef: null,
    provenance: {},
    customer: who,
    topic: routed ? { main: 'Fatura', sub: 'Yüksek fatura' } : null,
    unit: routed ? 'Müşteri Hizmetleri' : null,
    resolutionHours: routed ? 72 : null,
    deadline: routed ? new Date(Date.parse(receivedAt) + 72 * 3_600_000).toISOString() : null,
    description: kind === 'ignored' ? null : 'Faturam bu ay çok yüksek geldi.',
    proposedSolution: kind === 'crm' ? 'Sayacın kontrol edilmesini istiyorum.' : null,
    enteredBy: null,
  };
  return { ...base, ...overrides };
}
