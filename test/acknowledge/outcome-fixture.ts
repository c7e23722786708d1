/** E-mail outcomes as the normalizer publishes them, and the settings the tests acknowledge them with. */
import type { DecisionKind, Outcome } from '../../schemas/types.generated.js';
import { emailAcknowledgementSettings } from '../../acknowledge/email-settings.js';
import { decision } from '../sink/decision-fixture.js';

export const now = new Date('2026-03-10T09:05:00.000Z');

export const from = 'İGDAŞ Çağrı Merkezi <basvuru@igdas.example>';

export const settings = emailAcknowledgementSettings({
  from,
  ownAddresses: ['intake@mail-relay.example'],
  ownDomains: ['igdas.example'],
  maxAgeHours: 24,
});

/** A recorded e-mail of `kind`, numbered 2026-000123, first written a minute before `now`. */
export function emailOutcome(kind: DecisionKind = 'crm', overrides: { decision?: Partial<Outcome['decision']> } & Partial<Omit<Outcome, 'decision'>> = {}): Outcome {
  const numbered = kind === 'crm' || kind === 'needs-info';
  const { decision: decisionOverrides, ...rest } = overrides;
  return {
    schemaVersion: 1,
    decision: decision(kind, '2026-03-10T09:00:00.000Z', {
      channel: 'email',
      replyTo: { address: 'ayse@example.com', messageId: '<a1@example.com>', subject: 'Fatura itirazı' },
      ...decisionOverrides,
    }),
    applicationNumber: numbered ? '2026-000123' : null,
    recordedAt: '2026-03-10T09:04:00.000Z',
    firstWrite: true,
    ...rest,
  };
}
