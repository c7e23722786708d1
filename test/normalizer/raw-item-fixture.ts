import type { ApplicationForm, Channel, RawItem } from '../../schemas/types.generated.js';

/** A made-up national ID that passes the T.C. Kimlik No checksum. */
export const validNationalId = '70226422252';

/** 12:00 in Istanbul (UTC+3), i.e. 09:00Z: deadlines below are computed from this instant. */
export const receivedAt = '2026-03-10T12:00:00+03:00';

/** A web-form application that satisfies DOMAIN.md rule 1 for a person without a subscription. */
export const completeForm: ApplicationForm = {
  fullName: 'ayşe IŞIK',
  phone: '0532 123 45 67',
  nationalId: validNationalId,
  district: 'Kadıköy',
  mainTopic: 'billing',
  subTopic: 'high-bill',
  description: 'Bu ayki faturam geçen aya göre üç kat yüksek geldi.',
};

let counter = 0;

/** A schema-valid raw item id, unique within the test run. */
export function nextItemId(channel: Channel = 'webform'): string {
  counter += 1;
  return `${channel}:${counter.toString(16).padStart(32, '0')}`;
}

/** A schema-valid raw item on `channel`; `parts` replaces whole top-level fields (form, text, …). */
export function rawItem(channel: Channel, parts: Partial<RawItem> = {}): RawItem {
  return {
    schemaVersion: 1,
    itemId: nextItemId(channel),
    channel,
    receivedAt,
    connector: channel,
    sourceRef: `test-${counter}`,
    attachments: [],
    ...parts,
  };
}

/** A raw item whose form is `completeForm` with `form` on top; a key set to undefined is removed. */
export function formItem(channel: Channel, form: Partial<Record<keyof ApplicationForm, unknown>> = {}, parts: Partial<RawItem> = {}): RawItem {
  const merged: Record<string, unknown> = { ...completeForm, ...form };
  for (const key of Object.keys(merged)) if (merged[key] === undefined) delete merged[key];
  return rawItem(channel, { form: merged as ApplicationForm, ...parts });
}
