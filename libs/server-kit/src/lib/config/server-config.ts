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
  /** `WEB_ORIGINS`: the browser origins allowed by CORS (and the auth-server's development SPA redirects). */
  readonly webOrigins: readonly string[];
}

/** Where the local web app (orders-web) runs. */
const DEFAULT_WEB_ORIGINS: readonly string[] = ['http://localhost:5173'];

/** `PORT`, `HOST`, `LOG_LEVEL`, `TLS_CERT_FILE`, `TLS_KEY_FILE`, `WEB_ORIGINS`, with the contract's defaults. */
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
    webOrigins: readWebOrigins(env),
  };
}

/**
 * `WEB_ORIGINS`: a comma-separated list of origins (`scheme://host[:port]`). Each must be written
 * as browsers send the `Origin` header (lower case, no default port, no path or trailing slash):
 * CORS compares it byte for byte, so `http://localhost:5173/` would silently match nothing.
 */
function readWebOrigins(env: EnvReader): readonly string[] {
  const raw = env.optional('WEB_ORIGINS');
  if (raw === undefined) return DEFAULT_WEB_ORIGINS;
  const items = [...new Set(raw.split(',').map((item) => item.trim()))].filter(Boolean);
  const refused = items.filter((item) => serializedOrigin(item) !== item);
  if (items.length === 0 || refused.length > 0) {
    const hints = refused.map((item) => {
      const origin = serializedOrigin(item);
      return origin === undefined ? `"${item}"` : `"${item}" (did you mean "${origin}"?)`;
    });
    return env.problem(
      `WEB_ORIGINS must be a comma-separated list of origins such as http://localhost:5173 (scheme://host[:port], no path), got ${hints.join(', ') || 'none'}`,
      DEFAULT_WEB_ORIGINS,
    );
  }
  return items;
}

/** The origin of an http(s) URL as a browser serializes it, `undefined` for anything else. */
function serializedOrigin(value: string): string | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function readFile(env: EnvReader, name: string, path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    return env.problem(`${name} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)} (${path})`, undefined);
  }
}
