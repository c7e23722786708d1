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
