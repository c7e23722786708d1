import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Db, Queryable, QueryOptions } from './db.js';
import { translateDbError } from './db-errors.js';

/** How long to wait for a TCP connection before calling the database unavailable, ms. */
const CONNECT_TIMEOUT_MS = 5_000;

// Named by their text, so a connection that parsed one statement never gets another under its name.
const names = new Map<string, string>();

function statementName(sql: string): string {
  let name = names.get(sql);
  if (name === undefined) {
    name = `intake_${createHash('sha256').update(sql).digest('hex').slice(0, 32)}`;
    names.set(sql, name);
  }
  return name;
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<R extends object>(sql: string, params: readonly unknown[] = [], options: QueryOptions = {}): Promise<R[]> {
      try {
        const values = [...params];
        const result = await client.query<R>(options.prepare === true ? { name: statementName(sql), text: sql, values } : { text: sql, values });
        return result.rows;
      } catch (error) {
        throw translateDbError(error, 'postgres');
      }
    },
    async exec(script: string): Promise<void> {
      try {
        // No parameters: pg uses the simple query protocol, which accepts several statements.
        await client.query(script);
      } catch (error) {
        throw translateDbError(error, 'postgres');
      }
    },
  };
}

/**
 * A pooled connection to a PostgreSQL server. Connects lazily: the first query reports an
 * unreachable server.
 * @param schema already validated as a plain identifier; becomes the connection's search_path
 * @param readOnly every transaction of every connection is read-only (readers: reports, dashboard)
 */
export function openPostgresDb(databaseUrl: string, schema: string | null, readOnly = false): Db {
  // Set at connect time, so every pooled connection sees only the test's schema, and a reader's
  // connections refuse writes even when its user could write.
  const settings = [...(schema === null ? [] : [`-c search_path=${schema}`]), ...(readOnly ? ['-c default_transaction_read_only=on'] : [])];
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    application_name: readOnly ? 'gas-intake-reports' : 'gas-intake-sink',
    ...(settings.length === 0 ? {} : { options: settings.join(' ') }),
  });
  // An idle connection dropped by the server is discarded by the pool; without a listener the
  // 'error' event would crash the process. The next query reports the outage as it happens.
  pool.on('error', () => undefined);
  const direct = queryable(pool);
  let closed: Promise<void> | null = null;

  return {
    backend: 'postgres',
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw translateDbError(error, 'postgres');
      }
      const tx = queryable(client);
      let broken: Error | undefined;
      try {
        await tx.exec('BEGIN');
        const result = await work(tx);
        await tx.exec('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // The connection is gone; release(broken) below destroys it instead of pooling it.
          broken = rollbackError instanceof Error ? rollbackError : new Error('ROLLBACK failed');
        }
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close(): Promise<void> {
      closed ??= pool.end();
      return closed;
    },
  };
}
