/** Routes kafkajs's own log lines into our logger, at matching levels. */
import { logLevel, type logCreator } from 'kafkajs';
import type { Logger } from '../logger.js';

/** kafkajs log level for a pino level: kafkajs is chatty at info, so we keep it one step quieter. */
export function kafkaLogLevel(level: string): logLevel {
  switch (level) {
    case 'trace':
    case 'debug':
      return logLevel.INFO;
    case 'silent':
      return logLevel.NOTHING;
    default:
      return logLevel.WARN;
  }
}

export function kafkaLogCreator(logger: Logger): logCreator {
  const child = logger.child({ component: 'kafkajs' });
  return () => ({ level, log }) => {
    const { message, ...extra } = log;
    const fields = { namespace: log.namespace ?? undefined, broker: extra.broker, groupId: extra.groupId, error: extra.error };
    // Our publisher bounds its retries on purpose, so a web-form caller hears 503 rather than waiting forever.
    if (message.startsWith('Limiting retries for the idempotent producer')) return void child.debug(fields, message);
    // kafkajs logs every error response at ERROR before retrying it; a retriable one (a coordinator still loading
    // on a fresh broker) is only worth a warning, and a real failure surfaces as our INTAKE_KAFKA_UNAVAILABLE.
    if (level === logLevel.ERROR && message.startsWith('Response ') && extra.retryCount === undefined) return void child.warn(fields, message);
    if (level === logLevel.ERROR) child.error(fields, message);
    else if (level === logLevel.WARN) child.warn(fields, message);
    else child.debug(fields, message);
  };
}
