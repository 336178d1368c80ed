import { readFileSync } from 'node:fs';
import type { EnvReader } from './env-reader';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevelName;
  /** Set when TLS_CERT_FILE and TLS_KEY_FILE are: the server speaks HTTPS. */
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
}

/** `PORT`, `HOST`, `LOG_LEVEL`, `TLS_CERT_FILE`, `TLS_KEY_FILE`, with the contract's defaults. */
export function readServerConfig(env: EnvReader, defaultPort: number): ServerConfig {
  const certFile = env.optional('TLS_CERT_FILE');
  const keyFile = env.optional('TLS_KEY_FILE');
  let tls: ServerConfig['tls'];
  if ((certFile === undefined) !== (keyFile === undefined)) {
    env.problem('TLS_CERT_FILE and TLS_KEY_FILE must be set together', undefined);
  } else if (certFile !== undefined && keyFile !== undefined) {
    const cert = readFile(env, 'TLS_CERT_FILE', certFile);
    const key = readFile(env, 'TLS_KEY_FILE', keyFile);
    tls = cert && key ? { cert, key } : undefined;
  }
  return {
    port: env.port('PORT', defaultPort),
    host: env.string('HOST', '127.0.0.1'),
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    tls,
  };
}

function readFile(env: EnvReader, name: string, path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    return env.problem(`${name} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)} (${path})`, undefined);
  }
}
