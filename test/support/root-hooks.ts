/**
 * Mocha's root hooks (.mocharc.json requires this file). The suites that share the local test
 * broker leave it running for the next one; after the last, nothing should keep it up, or a test
 * run leaves a Java process behind on the machine.
 */
import { stopTestBroker } from './infra.js';

export const mochaHooks = {
  async afterAll(): Promise<void> {
    await stopTestBroker();
  },
};
