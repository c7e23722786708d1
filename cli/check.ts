/**
 * `intake check FILE --channel C`: the same parsing and decision code as the daemon, on one file,
 * with no Kafka and no database.
 */
import { readFile } from 'node:fs/promises';
import type { Channel } from '../schemas/types.generated.js';
import { connectorIds, connectorRegistry, readWith, type ConnectorId } from '../connectors/registry.js';
import { defaultCatalogue } from '../normalizer/catalogue/index.js';
import { decideItem, type Lookups } from '../normalizer/decide-item.js';
import type { Config } from '../runtime/config.js';
import { IntakeError } from '../runtime/errors.js';
import { reportDecision, reportRejection, type CheckReport } from './check-report.js';

export const checkChannels: readonly Channel[] = ['webform', 'email', 'sms', 'voicemail', 'fax', 'letter'];

/** Which built connector reads a channel's files, if any. */
export function connectorForChannel(channel: Channel): ConnectorId | null {
  return connectorIds.find((id) => connectorRegistry[id].channels.includes(channel)) ?? null;
}

/**
 * Decides one input file; `lookups` stands in for the subscriber registry (`--registry FILE`).
 * @throws IntakeError INTAKE_INPUT_UNREADABLE, INTAKE_CHANNEL_NOT_BUILT
 */
export async function checkFile(path: string, channel: Channel, config: Config, now: Date, lookups: Lookups | null = null): Promise<CheckReport> {
  const connector = connectorForChannel(channel);
  if (connector === null) throw new IntakeError('INTAKE_CHANNEL_NOT_BUILT', `channel ${channel} has no connector yet; built: ${Object.values(connectorRegistry).flatMap((c) => c.channels).join(', ')}`);
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (cause) {
    throw new IntakeError('INTAKE_INPUT_UNREADABLE', `cannot read ${path}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`, { cause });
  }
  const reading = await readWith(connector, file, { channel, receivedAt: now, settings: config.connectors });
  if (!reading.ok) return reportRejection(reading.code, reading.errors);
  return reportDecision(await decideItem(reading.item, lookups, { catalogue: defaultCatalogue, duplicateWindowHours: config.normalizer.duplicateWindowHours, minFieldConfidence: config.normalizer.minFieldConfidence }));
}
