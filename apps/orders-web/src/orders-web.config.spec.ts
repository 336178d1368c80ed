import { OrdersWebConfigError, readOrdersWebConfig } from './orders-web.config';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readOrdersWebConfig(env);
  } catch (error) {
    if (error instanceof OrdersWebConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readOrdersWebConfig', () => {
  it('defaults to port 5173 on 127.0.0.1, the local auth-server, orders-api and the orders-spa client', () => {
    expect(readOrdersWebConfig({})).toEqual({
      port: 5173,
      host: '127.0.0.1',
      logLevel: 'info',
      tls: undefined,
      browser: { issuer: 'http://localhost:3000', ordersApiUrl: 'http://localhost:3001', clientId: 'orders-spa' },
    });
  });

  it('passes AUTH_ISSUER through exactly, since issuers are compared byte for byte', () => {
    const config = readOrdersWebConfig({
      AUTH_ISSUER: 'https://tenant.auth0.example/',
      ORDERS_API_URL: 'https://api.example/v1',
      CLIENT_ID: 'web',
    });
    expect(config.browser).toEqual({ issuer: 'https://tenant.auth0.example/', ordersApiUrl: 'https://api.example/v1', clientId: 'web' });
  });

  it('names every bad variable, one line each', () => {
    expect(problemsOf({ PORT: '99999', AUTH_ISSUER: 'auth.example', ORDERS_API_URL: 'ftp://x.example' })).toEqual([
      'PORT must be a port number from 0 to 65535, got "99999"',
      'AUTH_ISSUER must be an absolute http:// or https:// URL without query, fragment or credentials, got "auth.example"',
      'ORDERS_API_URL must be an absolute http:// or https:// URL without query, fragment or credentials, got "ftp://x.example"',
    ]);
  });

  it('needs TLS_CERT_FILE and TLS_KEY_FILE together, and readable', () => {
    expect(problemsOf({ TLS_CERT_FILE: '/nonexistent/cert.pem' })).toEqual([
      'TLS_CERT_FILE cannot be read: ENOENT (/nonexistent/cert.pem)',
      'TLS_CERT_FILE and TLS_KEY_FILE must be set together',
    ]);
  });

  it('refuses an unknown LOG_LEVEL', () => {
    expect(problemsOf({ LOG_LEVEL: 'loud' })).toEqual(['LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got "loud"']);
  });

  it('refuses a URL with credentials without echoing it', () => {
    expect(problemsOf({ ORDERS_API_URL: 'https://user:secret@api.example' })).toEqual([
      'ORDERS_API_URL must be an absolute http:// or https:// URL without query, fragment or credentials',
    ]);
  });
});
