/**
 * Named API keys for the people who enter items for others: agents and service-centre clerks
 * (phone, face-to-face applications on the web form), the mail room (document uploads). The key's
 * name is recorded with the item.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The name of the key that matches, or null. Compares digests in constant time. */
export function staffKeyName(keys: Readonly<Record<string, string>>, presented: string | undefined): string | null {
  if (presented === undefined || presented === '') return null;
  const given = digest(presented);
  let match: string | null = null;
  for (const [name, key] of Object.entries(keys)) {
    if (timingSafeEqual(digest(key), given)) match = name;
  }
  return match;
}
