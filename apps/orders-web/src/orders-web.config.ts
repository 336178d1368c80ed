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
  const clientId = value('CLIENT_ID') ?? 'orders-spa';
  const config: OrdersWebConfig = {
    port,
    host: value('HOST') ?? '127.0.0.1',
    browser: {
      issuer: origin('AUTH_ISSUER', 'http://localhost:3000'),
      ordersApiUrl: origin('ORDERS_API_URL', 'http://localhost:3001'),
      clientId,
    },
  };
  if (problems.length > 0) throw new OrdersWebConfigError(problems);
  return config;
}
