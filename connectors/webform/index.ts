/** The web-form connector: the website's request form, and agents' phone and face-to-face forms. */
import type { WebformConfig } from '../../schemas/types.generated.js';
import type { Defaulted } from '../../runtime/config.js';
import { listenOn } from '../../runtime/http-listen.js';
import type { Connector, ConnectorDefinition } from '../types.js';
import { readWebformFile } from './read-fixture.js';
import { replayWebformFile } from './replay.js';
import { buildWebformApp } from './server.js';

export const webformConnector: ConnectorDefinition<Defaulted<WebformConfig>> = {
  id: 'webform',
  configSchemaId: 'webform-config.schema.json',
  channels: ['webform', 'phone', 'face-to-face'],
  fixtureExtensions: ['.http'],
  read: (file, options) => Promise.resolve(readWebformFile(file, options)),
  replay: replayWebformFile,
  create(config, deps): Connector {
    const app = buildWebformApp(config, deps);
    let endpoint: string | null = null;
    return {
      id: 'webform',
      async start() {
        endpoint = await listenOn(app, config, { name: 'web form', settings: 'connectors.webform.port (INTAKE_WEBFORM_PORT)' });
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
