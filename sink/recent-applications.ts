/** A person's first records in a time window, for linking a repeated complaint (normalizer/link-duplicate). */
import type { Person, RecentApplication } from '../normalizer/link-duplicate.js';
import type { Queryable } from './db.js';

interface RecentRow {
  item_id: string;
  application_number: string | null;
  received_at: Date;
  national_id: string | null;
  phone: string | null;
  email: string | null;
  topic_main: string | null;
  description: string | null;
}

/** Numbered, unlinked records of the person received in [from, to], oldest first. */
export async function findRecentApplications(db: Queryable, person: Person, from: Date, to: Date): Promise<RecentApplication[]> {
  if (person.nationalId === null && person.phone === null && person.email === null) return [];
  const rows = await db.query<RecentRow>(
    `SELECT item_id, application_number, received_at, national_id, phone, email, topic_main, description
       FROM applications
      WHERE received_at BETWEEN $4 AND $5
        AND linked_to_item_id IS NULL AND application_number IS NOT NULL
        AND (national_id = $1 OR phone = $2 OR email = $3)
      ORDER BY received_at, item_id
      LIMIT 50`,
    [person.nationalId, person.phone, person.email, from, to],
  );
  return rows.map((r) => ({
    itemId: r.item_id, applicationNumber: r.application_number, receivedAt: new Date(r.received_at).toISOString(),
    nationalId: r.national_id, phone: r.phone, email: r.email, topicMain: r.topic_main, description: r.description,
  }));
}
