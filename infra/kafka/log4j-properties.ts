/**
 * log4j2 configuration for the broker (`INFO`) and for StorageTool (`WARN`): everything goes to
 * stdout, which the launcher redirects to a file in the state dir.
 */
export function log4jProperties(level: 'INFO' | 'WARN'): string {
  return [
    '# Written by infra/kafka/launcher.ts: everything to stdout, which the launcher sends to server.log.',
    'status = warn',
    // Kafka logs its own shutdown from a JVM shutdown hook: keep log4j alive for it.
    'shutdownHook = disable',
    'appender.out.type = Console',
    'appender.out.name = STDOUT',
    'appender.out.layout.type = PatternLayout',
    'appender.out.layout.pattern = [%d] %p %m (%c)%n',
    `rootLogger.level = ${level}`,
    'rootLogger.appenderRef.out.ref = STDOUT',
    // The full config dumps of every internal client are noise here.
    'logger.config.name = org.apache.kafka.common.config.AbstractConfig',
    'logger.config.level = WARN',
    'logger.request.name = kafka.request.logger',
    'logger.request.level = WARN',
    '',
  ].join('\n');
}
