/**
 * The one root logger. Components take child loggers with their bindings (`component`, `itemId`).
 * Personal data and secrets are redacted here, in one place, whatever a caller passes.
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
  ...secretPaths.map((p) => `config.${p}`),
  'headers["x-api-key"]',
  'req.headers["x-api-key"]',
];

/**
 * Creates the root logger.
 * @param destination where JSON lines go; stderr by default so stdout stays for command output
 */
export function createLogger(options: { level: string; destination?: NodeJS.WritableStream | number }): Logger {
  return pino(
    { level: options.level, base: { service: 'intake' }, redact: { paths: [...redactPaths], censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination(typeof options.destination === 'number' ? options.destination : 2),
  );
}
