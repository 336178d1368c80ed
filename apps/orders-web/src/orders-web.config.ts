import { readFileSync } from 'node:fs';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Whether a line at `level` is written under the configured LOG_LEVEL. */
export function logs(configured: LogLevel, level: LogLevel): boolean {
  return LOG_LEVELS.indexOf(level) <= LOG_LEVELS.indexOf(configured);
}

/** Start-up configuration that cannot be used: one line per problem, each naming the variable. */
export class OrdersWebConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.join('\n')}`);
    this.name = 'OrdersWebConfigError';
  }
}

export interface OrdersWebConfig {
  readonly port: number;
  readonly host: string;
  readonly logLevel: LogLevel;
  /** Set when TLS_CERT_FILE and TLS_KEY_FILE are: the server speaks HTTPS (and sends HSTS). */
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | undefined;
  /** What the page reads from `/config.json`: the image is configured at start, never rebuilt. */
  readonly browser: BrowserConfig;
}

/** The browser app's settings, served as `/config.json`. */
export interface BrowserConfig {
  /** The auth-server's issuer identifier; discovery is read from it. */
  readonly issuer: string;
  readonly ordersApiUrl: string;
  readonly clientId: string;
}

/**
 * orders-web's environment (see the interface contract). The static server itself reads only
 * PORT and HOST; AUTH_ISSUER, ORDERS_API_URL and CLIENT_ID go to the page.
 */
export function readOrdersWebConfig(env: NodeJS.ProcessEnv): OrdersWebConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === '' ? undefined : raw;
  };
  const origin = (name: string, fallback: string): string => {
    const raw = value(name) ?? fallback;
    try {
      const url = new URL(raw);
      // Kept exactly as given: an issuer identifier is compared byte for byte (a trailing slash matters).
      if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username) {
        return raw;
      }
    } catch {
      // reported below
    }
    // A URL with credentials is not echoed: it may hold a password.
    const shown = /\/\/[^/]*@/.test(raw) ? '' : `, got "${raw}"`;
    problems.push(`${name} must be an absolute http:// or https:// URL without query, fragment or credentials${shown}`);
    return fallback;
  };
  const rawPort = value('PORT');
  const port = rawPort === undefined ? 5173 : Number(rawPort);
  if (rawPort !== undefined && (!/^\d+$/.test(rawPort) || port > 65535)) {
    problems.push(`PORT must be a port number from 0 to 65535, got "${rawPort}"`);
  }
  const logLevel = (value('LOG_LEVEL')?.toLowerCase() ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const file = (name: string): Buffer | undefined => {
    const path = value(name);
    if (path === undefined) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      problems.push(`${name} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)} (${path})`);
      return undefined;
    }
  };
  const cert = file('TLS_CERT_FILE');
  const key = file('TLS_KEY_FILE');
  if ((value('TLS_CERT_FILE') === undefined) !== (value('TLS_KEY_FILE') === undefined)) {
    problems.push('TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  }
  const clientId = value('CLIENT_ID') ?? 'orders-spa';
  const config: OrdersWebConfig = {
    port,
    host: value('HOST') ?? '127.0.0.1',
    logLevel,
    tls: cert && key ? { cert, key } : undefined,
    browser: {
      issuer: origin('AUTH_ISSUER', 'http://localhost:3000'),
      ordersApiUrl: origin('ORDERS_API_URL', 'http://localhost:3001'),
      clientId,
    },
  };
  if (problems.length > 0) throw new OrdersWebConfigError(problems);
  return config;
}
