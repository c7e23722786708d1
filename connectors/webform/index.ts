/** The web-form connector: the website's request form, and agents' phone and face-to-face forms. */
import type { WebformConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import type { Connector, ConnectorDefinition } from '../types.js';
import { readWebformFile } from './read-fixture.js';
import { replayWebformFile } from './replay.js';
import { buildWebformApp } from './server.js';

export const webformConnector: ConnectorDefinition<Defaulted<WebformConfig>> = {
  id: 'webform',
  configSchemaId: 'webform-config.schema.json',
  channels: ['webform', 'phone', 'face-to-face'],
  fixtureExtensions: ['.http'],
  read: readWebformFile,
  replay: replayWebformFile,
  create(config, deps): Connector {
    const app = buildWebformApp(config, deps);
    let endpoint: string | null = null;
    return {
      id: 'webform',
      async start() {
        await app.listen({ host: config.host, port: config.port });
        const address = app.server.address();
        endpoint = typeof address === 'object' && address !== null ? `http://${config.host}:${address.port}` : null;
        deps.logger.info({ component: 'webform', endpoint }, 'listening');
      },
      endpoint: () => endpoint,
      async stop() {
        // close() stops accepting and waits for requests in flight, whose publishes finish first.
        await app.close();
      },
    };
  },
};
