/**
 * The Twilio connector: customers text the utility's number and Twilio posts each message to our
 * webhook (PIPELINE.md's push shape); an MMS goes to the media topic for the media workers
 * (media-worker.ts), which fetch its photos and publish it; callers leave voicemail on it, which
 * goes to the transcription topic for the transcription workers (voice-routes.ts).
 */
import { listenOn } from '../../runtime/http-listen.js';
import type { Connector, ConnectorDefinition } from '../types.js';
import { readSmsFile } from './read-fixture.js';
import { readVoicemailFile } from './read-voicemail.js';
import { replaySmsFile } from './replay.js';
import { buildTwilioApp, type TwilioDeps, type TwilioStats } from './server.js';
import type { TwilioSettings } from './settings.js';

export interface TwilioConnector extends Connector {
  stats(): Readonly<TwilioStats>;
}

/** Builds the connector (not yet listening). @throws IntakeError INTAKE_CONFIG_INVALID naming a missing key */
export function createTwilioConnector(config: TwilioSettings, deps: TwilioDeps): TwilioConnector {
  const { app, stats } = buildTwilioApp(config, deps);
  let endpoint: string | null = null;
  return {
    id: 'twilio',
    async start() {
      endpoint = await listenOn(app, config, { name: 'Twilio webhook', settings: 'connectors.twilio.port (INTAKE_TWILIO_PORT)' });
      deps.logger.info({ component: 'twilio', endpoint }, 'listening');
    },
    endpoint: () => endpoint,
    stats,
    async stop() {
      // close() stops accepting and waits for requests in flight, whose publishes finish first.
      await app.close();
    },
  };
}

export const twilioConnector: ConnectorDefinition<TwilioSettings> = {
  id: 'twilio',
  configSchemaId: 'twilio-config.schema.json',
  channels: ['sms', 'voicemail'],
  // Not `.json`: every fixture folder holds `.expected.json` files too. Voicemail fixtures are not
  // replayed: their recordings live on Twilio, which a replay cannot make call back.
  fixtureExtensions: ['.sms.json'],
  read: (file, options) => (options.channel === 'voicemail' ? readVoicemailFile(file, options) : readSmsFile(file, options)),
  replay: replaySmsFile,
  create: createTwilioConnector,
};
