/** People's first records in a time window, for linking a repeated complaint (normalizer/link-duplicate). */
import type { Person, RecentApplication } from '../normalizer/link-duplicate.js';
import type { Queryable } from './db.js';

/** A record's columns that linking reads. */
export interface RecentRow {
  item_id: string;
  application_number: string | null;
  received_at: Date;
  national_id: string | null;
  phone: string | null;
  email: string | null;
  topic_main: string | null;
  description: string | null;
}

// Per identity the oldest 50 first records in the window, through the partial indexes of
// migration 003 (identity, received_at) WHERE application_number IS NOT NULL: an index range scan
// that stops at 50 rows, however many records the person has. A number means a first record: a
// linked repeat has none.
const PER_IDENTITY = (column: string, param: string): string => `
  SELECT a.* FROM unnest(${param}::text[]) AS k(v) CROSS JOIN LATERAL (
    SELECT item_id, application_number, received_at, national_id, phone, email, topic_main, description
      FROM applications
     WHERE ${column} = k.v AND received_at BETWEEN $4 AND $5 AND application_number IS NOT NULL
     ORDER BY received_at LIMIT 50) a`;

export const RECENT_SQL = `SELECT DISTINCT ON (received_at, item_id) * FROM (
  ${PER_IDENTITY('national_id', '$1')}
  UNION ALL ${PER_IDENTITY('phone', '$2')}
  UNION ALL ${PER_IDENTITY('email', '$3')}
) found ORDER BY received_at, item_id`;

const distinct = (values: Array<string | null>): string[] => [...new Set(values.filter((v): v is string => v !== null))];

/** Numbered, unlinked records of any of the people received in [from, to], oldest first. */
export async function findRecentApplicationsOf(db: Queryable, persons: readonly Person[], from: Date, to: Date): Promise<RecentApplication[]> {
  const ids = distinct(persons.map((p) => p.nationalId));
  const phones = distinct(persons.map((p) => p.phone));
  const emails = distinct(persons.map((p) => p.email));
  if (ids.length + phones.length + emails.length === 0) return [];
  const rows = await db.query<RecentRow>(RECENT_SQL, [ids, phones, emails, from, to], { prepare: true });
  return rows.map(recentOf);
}

export function recentOf(r: RecentRow): RecentApplication {
  return {
    itemId: r.item_id, applicationNumber: r.application_number, receivedAt: new Date(r.received_at).toISOString(),
    nationalId: r.national_id, phone: r.phone, email: r.email, topicMain: r.topic_main, description: r.description,
  };
}
