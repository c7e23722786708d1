/**
 * The subscriber registry table: looked up by contract account number, loaded in bulk from the
 * utility's subscriber database extract, and updated with changed contact data (DOMAIN.md rule 3).
 */
import type { Decision, Subscriber } from '../schemas/types.generated.js';
import type { Queryable } from './db.js';

interface SubscriberRow {
  contract_account_number: string;
  national_id: string;
  full_name: string;
  phone: string | null;
  email: string | null;
  address: string | null;
  district: string | null;
}

function toSubscriber(row: SubscriberRow): Subscriber {
  return { contractAccountNumber: row.contract_account_number, nationalId: row.national_id, fullName: row.full_name, phone: row.phone, email: row.email, address: row.address, district: row.district };
}

/** Inserts or replaces entries (a fresh extract wins over what is there). */
/** `onEach` is told after each row, for the progress of a long import. */
export async function upsertSubscribers(db: Queryable, subscribers: readonly Subscriber[], now: Date, onEach?: () => void): Promise<void> {
  for (const s of subscribers) {
    await db.query(
      `INSERT INTO subscribers (contract_account_number, national_id, full_name, phone, email, address, district, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (contract_account_number) DO UPDATE SET national_id = EXCLUDED.national_id, full_name = EXCLUDED.full_name,
         phone = EXCLUDED.phone, email = EXCLUDED.email, address = EXCLUDED.address, district = EXCLUDED.district, updated_at = EXCLUDED.updated_at`,
      [s.contractAccountNumber, s.nationalId, s.fullName, s.phone ?? null, s.email ?? null, s.address ?? null, s.district ?? null, now],
    );
    onEach?.();
  }
}

/** Writes back the changed contact data the decision carries; runs in the recording transaction. */
export async function applyRegistryUpdates(tx: Queryable, decision: Decision, now: Date): Promise<void> {
  const { phone, email } = decision.registry.updates;
  const account = decision.customer.contractAccountNumber;
  if ((phone === undefined && email === undefined) || account === null) return;
  await tx.query(
    'UPDATE subscribers SET phone = COALESCE($2, phone), email = COALESCE($3, email), updated_at = $4 WHERE contract_account_number = $1',
    [account, phone ?? null, email ?? null, now],
  );
}

/** Registry entries of several contract accounts at once; absent accounts are not in the map. */
export async function findSubscribersByAccount(db: Queryable, accounts: readonly string[]): Promise<Map<string, Subscriber>> {
  const rows = await db.query<SubscriberRow>(
    'SELECT contract_account_number, national_id, full_name, phone, email, address, district FROM subscribers WHERE contract_account_number = ANY($1::text[])',
    [accounts],
    { prepare: true },
  );
  return new Map(rows.map((row) => [row.contract_account_number, toSubscriber(row)]));
}
