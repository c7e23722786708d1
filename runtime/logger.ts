/**
 * The one root logger. Components take child loggers with their bindings (`component`, `itemId`).
 * Personal data and secrets are redacted here, in one place, for the known field names down to three
 * levels deep. That is a safety net: log lines carry ids, codes, counts and durations, never records.
 */
import { pino, type Logger } from 'pino';
import { secretPaths } from './config.js';

export type { Logger } from 'pino';

/** Field names that carry personal data wherever they appear in a log object. */
const personalFields = ['fullName', 'nationalId', 'contractAccountNumber', 'phone', 'email', 'address', 'description', 'proposedSolution', 'body', 'subject', 'sender', 'text', 'form', 'customer'];

export const redactPaths: readonly string[] = [
  ...personalFields,
  ...personalFields.map((f) => `*.${f}`),
  ...personalFields.map((f) => `*.*.${f}`),
  ...personalFields.map((f) => `*.*.*.${f}`),
  ...secretPaths.map((p) => `config.${p}`),
  'headers["x-api-key"]',
  'req.headers["x-api-key"]',
];

/**
 * Creates the root logger.
 * @param destination where JSON lines go; stderr by default so stdout stays for command output
 */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream | number }): Logger {
  const destination = options.destination === undefined || typeof options.destination === 'number' ? pino.destination(options.destination ?? 2) : options.destination;
  return pino(
    { level: options.level, base: { service: 'intake' }, redact: { paths: [...redactPaths], censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
    destination,
  );
}
