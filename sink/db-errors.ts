import { IntakeError } from '../runtime/errors.js';

/**
 * A driver error with everything that can carry personal data stripped: the server's `detail`
 * ("Failing row contains (...)") holds whole customer rows, and PGlite attaches the bound
 * parameters. What stays is enough to diagnose: SQLSTATE, constraint, table, column.
 */
export class DbError extends IntakeError {
  /** SQLSTATE. */
  readonly sqlState: string;
  readonly constraint: string | undefined;
  readonly table: string | undefined;
  readonly column: string | undefined;

  constructor(fields: { code: string; constraint?: string; table?: string; column?: string }) {
    const where = [fields.table, fields.column, fields.constraint].filter(Boolean).join('/');
    // Serialization failures and deadlocks succeed when the transaction is simply run again.
    super('INTAKE_DB_REJECTED', `PostgreSQL error ${fields.code}${where ? ` on ${where}` : ''}`, { retriable: /^(40001|40P01)$/.test(fields.code) });
    this.name = 'DbError';
    this.sqlState = fields.code;
    this.constraint = fields.constraint;
    this.table = fields.table;
    this.column = fields.column;
  }
}

// Node socket errors and the pg driver's own connect/terminate failures (which have no code).
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);
const PG_DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i;
// 08: connection exception; 57P01-03: server shutting down / starting; 53300: too many connections.
const RETRIABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
// Wrong password, unknown role or database: the server answered, but waiting will not help.
const FATAL_SQLSTATE = /^(28...|3D000)$/;

function field(error: object, key: string): string | undefined {
  const value = (error as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Turns whatever a driver threw into what the sink lets out: connection trouble becomes
 * `INTAKE_DB_UNAVAILABLE`, a server-side error becomes a {@link DbError}, anything else (a bug
 * in our code) passes through untouched.
 */
export function translateDbError(error: unknown, backend: 'postgres' | 'embedded'): unknown {
  if (error instanceof IntakeError) return error;
  if (typeof error !== 'object' || error === null) return error;
  const code = field(error, 'code');
  const message = error instanceof Error ? error.message : '';
  if ((code !== undefined && (NETWORK_CODES.has(code) || RETRIABLE_SQLSTATE.test(code))) || (code === undefined && PG_DRIVER_MESSAGES.test(message))) {
    return new IntakeError('INTAKE_DB_UNAVAILABLE', 'The CRM database did not answer', { cause: error, details: { backend, reason: code ?? 'connection lost' } });
  }
  if (code !== undefined && FATAL_SQLSTATE.test(code)) {
    return new IntakeError('INTAKE_DB_UNAVAILABLE', 'The CRM database refused the connection', { cause: error, details: { backend, reason: code }, retriable: false });
  }
  if (code !== undefined && /^[0-9A-Z]{5}$/.test(code)) {
    return new DbError({ code, constraint: field(error, 'constraint'), table: field(error, 'table'), column: field(error, 'column') });
  }
  return error;
}

/** True when `error` is the unique violation of the named constraint (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  return error instanceof DbError && error.sqlState === '23505' && error.constraint === constraint;
}
