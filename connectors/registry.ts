/** Every connector the daemon can run, by id: one literal map, no directory scanning. */
import type { Config } from '../runtime/config.js';
import { documentsConnector } from './documents/index.js';
import { emailConnector } from './email/index.js';
import { twilioConnector } from './twilio/index.js';
import type { Connector, ConnectorDeps, ConnectorDefinition, Reading } from './types.js';
import { webformConnector } from './webform/index.js';
import type { Channel } from '../schemas/types.generated.js';

type Settings = Config['connectors'];
export type ConnectorId = keyof Settings;

export const connectorRegistry: { readonly [K in ConnectorId]: ConnectorDefinition<Settings[K]> } = {
  webform: webformConnector,
  email: emailConnector,
  twilio: twilioConnector,
  documents: documentsConnector,
};

export const connectorIds = Object.keys(connectorRegistry) as ConnectorId[];

/** Builds a connector with its own part of the configuration. */
export function createConnector<K extends ConnectorId>(id: K, settings: Settings, deps: ConnectorDeps): Connector {
  const definition: ConnectorDefinition<Settings[K]> = connectorRegistry[id];
  return definition.create(settings[id], deps);
}

/** Reads one input file as connector `id` would capture it. */
export function readWith<K extends ConnectorId>(id: K, file: Buffer, options: { channel: Channel; receivedAt: Date; settings: Settings }): Promise<Reading> {
  const definition: ConnectorDefinition<Settings[K]> = connectorRegistry[id];
  return definition.read(file, { channel: options.channel, receivedAt: options.receivedAt, config: options.settings[id] });
}
