/**
 * Watches the run's `applications` table for new rows, every `pollMs`, and notes for each item id
 * when it was first seen: the start of the query that first returned it (a row a query returns
 * was committed before its snapshot, so this is an upper bound of the commit time, late by at
 * most one poll interval plus the query's own time). `recorded_at` is the other bound: the
 * normalizer takes it before its transaction starts.
 *
 * The normalizer records one batch at a time, so rows commit in `id` order and `id > last seen`
 * finds every new row; `missedBehind` counts any row that showed up behind one already seen.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

export interface RowWatch {
  /** performance.now() when each item id was first seen. */
  seenAt: Map<string, number>;
  /** Polls made, and how many of them came before the daemon had created the table. */
  polls: () => { total: number; beforeTable: number };
  stop: () => Promise<{ missedBehind: number }>;
}

/**
 * Starts polling `<schema>.applications` (the daemon creates it at start-up; until then the poll
 * asks whether it exists, rather than filling the server log with failed queries).
 * @throws from `stop()` an error the poller met
 */
export function watchRows(db: pg.Client, schema: string, pollMs: number): RowWatch {
  const seenAt = new Map<string, number>();
  let last = 0;
  let total = 0;
  let beforeTable = 0;
  let stopping = false;
  let failure: unknown = null;
  let tableExists = false;
  const pollOnce = async (): Promise<void> => {
    const at = performance.now();
    total += 1;
    if (!tableExists) {
      tableExists = (await db.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [`${schema}.applications`])).rows[0]?.ok === true;
      if (!tableExists) { beforeTable += 1; return; }
    }
    const rows = (await db.query<{ id: string; item_id: string }>(`SELECT id, item_id FROM ${schema}.applications WHERE id > $1 ORDER BY id`, [last])).rows;
    for (const r of rows) {
      if (!seenAt.has(r.item_id)) seenAt.set(r.item_id, at);
      last = Math.max(last, Number(r.id));
    }
  };
  const loop = (async (): Promise<void> => {
    while (!stopping) {
      await pollOnce();
      await sleep(pollMs);
    }
  })().catch((error: unknown) => { failure = error; });
  return {
    seenAt,
    polls: () => ({ total, beforeTable }),
    async stop() {
      stopping = true;
      await loop;
      if (failure !== null) throw failure instanceof Error ? failure : new Error(String(failure));
      // The rows committed since the last poll are new, not missed.
      await pollOnce();
      const all = (await db.query<{ item_id: string }>(`SELECT item_id FROM ${schema}.applications`)).rows;
      return { missedBehind: all.filter((r) => !seenAt.has(r.item_id)).length };
    },
  };
}
