/** Every connector the daemon can run, by id: one literal map, no directory scanning. */
import { webformConnector } from './webform/index.js';

export const connectorRegistry = {
  webform: webformConnector,
} as const;

export type ConnectorId = keyof typeof connectorRegistry;
