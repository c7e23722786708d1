/**
 * The one root logger. Components take child loggers with their bindings (`component`, `itemId`).
 * Personal data and secrets are redacted here, in one place, for the known field names down to four
 * levels (runtime/redact.ts). That is a safety net: log lines carry ids, codes, counts and durations, never records.
 */
import { pino, type Logger } from 'pino';
import { secretPaths } from './config.js';
import { redactor } from './redact.js';

export type { Logger } from 'pino';

/** The redaction every logger of ours applies (runtime/redact.ts), for pino's `formatters.log`. */
export const redactLogObject = redactor(secretPaths);

/**
 * Creates the root logger.
 * @param destination where JSON lines go; stderr by default so stdout stays for command output
 */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream | number }): Logger {
  const destination = options.destination === undefined || typeof options.destination === 'number' ? pino.destination(options.destination ?? 2) : options.destination;
  return pino(
    { level: options.level, base: { service: 'intake' }, formatters: { log: redactLogObject }, timestamp: pino.stdTimeFunctions.isoTime },
    destination,
  );
}
