/** Records by their application number, for attaching a follow-up (normalizer/link-follow-up). */
import type { RecentApplication } from '../normalizer/link-duplicate.js';
import type { Queryable } from './db.js';
import { recentOf, type RecentRow } from './recent-applications.js';

// application_number is UNIQUE, so its index answers each number with one probe.
const BY_NUMBER_SQL = `SELECT item_id, application_number, received_at, national_id, phone, email, topic_main, description
  FROM applications WHERE application_number = ANY($1::text[])`;

export async function findApplicationsByNumber(db: Queryable, numbers: readonly string[]): Promise<Map<string, RecentApplication>> {
  const wanted = [...new Set(numbers)];
  if (wanted.length === 0) return new Map();
  const rows = await db.query<RecentRow & { application_number: string }>(BY_NUMBER_SQL, [wanted], { prepare: true });
  return new Map(rows.map((r) => [r.application_number, recentOf(r)]));
}
