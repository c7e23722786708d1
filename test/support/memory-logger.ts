/** A real pino logger with our redaction, writing into memory so tests can read every line. */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { redactLogObject, type Logger } from '../../runtime/logger.js';

export function memoryLogger(): { logger: Logger; lines: () => string } {
  const chunks: string[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  const logger = pino({ level: 'debug', formatters: { log: redactLogObject } }, sink);
  return { logger, lines: () => chunks.join('') };
}
