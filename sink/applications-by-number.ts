/** Records by their application number, for attaching a follow-up (normalizer/link-follow-up). */
import type { RecentApplication } from '../normalizer/link-duplicate.js';
import type { Queryable } from './db.js';

interface NumberedRow {
  item_id: string;
  application_number: string;
  received_at: Date;
  national_id: string | null;
  phone: string | null;
  email: string | null;
  topic_main: string | null;
  description: string | null;
}

// application_number is UNIQUE, so its index answers each number with one probe.
const BY_NUMBER_SQL = `SELECT item_id, application_number, received_at, national_id, phone, email, topic_main, description
  FROM applications WHERE application_number = ANY($1::text[])`;

export async function findApplicationsByNumber(db: Queryable, numbers: readonly string[]): Promise<Map<string, RecentApplication>> {
  const wanted = [...new Set(numbers)];
  if (wanted.length === 0) return new Map();
  const rows = await db.query<NumberedRow>(BY_NUMBER_SQL, [wanted]);
  return new Map(rows.map((r) => [r.application_number, {
    itemId: r.item_id, applicationNumber: r.application_number, receivedAt: new Date(r.received_at).toISOString(),
    nationalId: r.national_id, phone: r.phone, email: r.email, topicMain: r.topic_main, description: r.description,
  }]));
}
