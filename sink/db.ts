/**
 * The one seam between the sink and a database driver. Both backends speak PostgreSQL (a server
 * through `pg`, or PGlite in-process), so SQL above this line is written once.
 */

export interface QueryOptions {
  /**
   * Keep the statement parsed and planned on its connection and reuse it there. For fixed SQL run
   * often: a 256-row insert spent half of the server's time parsing and planning its 7,500
   * parameters. A backend without prepared statements ignores it.
   */
  prepare?: boolean;
}

/** Runs statements; inside a transaction, or on any pooled connection. */
export interface Queryable {
  /**
   * One statement with `$1..$n` parameters. The row type is the caller's claim about the SELECT
   * list: drivers hand back untyped rows.
   * @throws IntakeError INTAKE_DB_UNAVAILABLE when the connection fails; a {@link DbError} otherwise
   */
  query<R extends object>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<R[]>;
  /** A script of several statements, no parameters (migrations). */
  exec(script: string): Promise<void>;
}

/** A connected database. */
export interface Db extends Queryable {
  readonly backend: 'postgres' | 'embedded';
  /** Runs `work` in BEGIN/COMMIT on one connection; ROLLBACK if it throws, then rethrows. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Idempotent. */
  close(): Promise<void>;
}
