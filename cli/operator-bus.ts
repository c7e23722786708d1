/**
 * The Kafka connection of the operator commands (`intake topics`, `peek`, `dlq`): the configured
 * cluster, or the local broker when it runs. A command that only looks never launches a broker.
 */
import { resolve } from 'node:path';
import { kafkaStatus } from '../infra/kafka/launcher.js';
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { createBus } from '../runtime/kafka/bus.js';
import type { Bus } from '../runtime/kafka/types.js';
import type { Logger } from '../runtime/logger.js';

/**
 * @throws IntakeError INTAKE_KAFKA_UNAVAILABLE (not retriable) when no brokers are configured and
 *   the local broker is not running
 */
export async function operatorBrokers(config: Config): Promise<string[]> {
  if (config.kafka.brokers !== null) return [...config.kafka.brokers];
  const dir = resolve(config.dataDir, 'kafka');
  const status = await kafkaStatus({ dir, port: config.kafka.localPort });
  if (!status.running || status.brokers === null) {
    throw new IntakeError('INTAKE_KAFKA_UNAVAILABLE', `no brokers are configured (kafka.brokers, KAFKA_BROKERS) and the local broker under ${dir} is not running: start it with intake kafka start`, { retriable: false, details: { dir } });
  }
  return [status.brokers];
}

/** A bus for one operator command; the caller closes it. */
export async function openOperatorBus(config: Config, logger: Logger): Promise<Bus> {
  return createBus({ brokers: await operatorBrokers(config), clientId: `${config.kafka.clientId}-cli`, logger, logLevel: logger.level });
}
