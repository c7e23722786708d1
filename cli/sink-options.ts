/** Where the configured CRM database is: PostgreSQL when `database.url` is set, else the embedded one under dataDir. */
import { resolve } from 'node:path';
import type { Config } from '../runtime/config.js';
import type { SinkOptions } from '../sink/index.js';

export function sinkOptionsOf(config: Config): SinkOptions {
  return {
    databaseUrl: config.database.url,
    embeddedDir: config.database.url === null ? resolve(config.dataDir, 'db') : null,
    ...(config.database.schema === null ? {} : { pgSchema: config.database.schema }),
  };
}

/**
 * Where the reports read: `reports.databaseUrl` (a read-only user) when set, else the database the
 * daemon writes, in the same schema.
 */
export function readerOptionsOf(config: Config): SinkOptions {
  const own = config.reports.databaseUrl;
  return own === null ? sinkOptionsOf(config) : { ...sinkOptionsOf(config), databaseUrl: own, embeddedDir: null };
}
