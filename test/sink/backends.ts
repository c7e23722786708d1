import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SinkOptions } from '../../sink/index.js';

/** The CI server: trust auth, database `test`. */
import { databaseUrl, dropSchema } from '../support/infra.js';

export { databaseUrl };

/** One place a sink can live, set up and torn down by the shared suites. */
export interface Backend {
  readonly name: string;
  /** Reopening the same options finds the same data (false for in-memory PGlite). */
  readonly persistent: boolean;
  /** Fresh, empty storage; call once per suite. */
  prepare(): Promise<SinkOptions>;
  /** Drops what prepare made. */
  cleanup(): Promise<void>;
}

function postgresBackend(): Backend {
  const schema = `sink_test_${randomBytes(6).toString('hex')}`;
  return {
    name: 'PostgreSQL (random schema)',
    persistent: true,
    prepare: async () => ({ databaseUrl, embeddedDir: null, pgSchema: schema }),
    async cleanup() {
      await dropSchema(schema);
    },
  };
}

function embeddedDirBackend(): Backend {
  let dir: string | null = null;
  return {
    name: 'embedded PGlite (temp dir)',
    persistent: true,
    async prepare() {
      dir = await mkdtemp(join(tmpdir(), 'sink-test-'));
      return { databaseUrl: null, embeddedDir: join(dir, 'pgdata') };
    },
    async cleanup() {
      if (dir !== null) await rm(dir, { recursive: true, force: true });
    },
  };
}

function embeddedMemoryBackend(): Backend {
  return {
    name: 'embedded PGlite (in memory)',
    persistent: false,
    prepare: async () => ({ databaseUrl: null, embeddedDir: null }),
    cleanup: async () => undefined,
  };
}

/** Every backend the shared suites run against; each call gives fresh, unshared storage. */
export function backends(): Backend[] {
  return [postgresBackend(), embeddedMemoryBackend(), embeddedDirBackend()];
}
