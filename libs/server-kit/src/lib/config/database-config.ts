import { resolve } from 'node:path';
import type { EnvReader } from './env-reader';

export interface DatabaseConfig {
  /** A real PostgreSQL; unset means the embedded one in `dataDir`. */
  readonly url: string | undefined;
  readonly dataDir: string;
}

/** `DATABASE_URL` and `DATA_DIR` (default `.data/<app>` under the working directory). */
export function readDatabaseConfig(env: EnvReader, app: string): DatabaseConfig {
  return {
    url: env.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(env.string('DATA_DIR', `.data/${app}`)),
  };
}
