import { ConfigError } from '@platform/server-kit';
import { readOrdersApiConfig } from './orders-api.config';

describe('orders-api configuration', () => {
  it('applies the contract defaults', () => {
    const config = readOrdersApiConfig({});
    expect(config.server).toEqual({ port: 3001, host: '127.0.0.1', logLevel: 'info', tls: undefined });
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toMatch(/\.data\/orders-api$/);
    expect(config.auth).toMatchObject({
      issuer: 'http://localhost:3000',
      audience: 'orders-api',
      algorithms: ['RS256'],
      clockToleranceS: 60,
      accessTokenTyp: 'at+jwt',
    });
  });

  it('reports every bad variable on its own line, naming it', () => {
    let problems: readonly string[] = [];
    try {
      readOrdersApiConfig({
        PORT: 'eighty',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:pa55w0rd@db/orders',
        AUTH_ISSUER: 'auth.example',
        AUTH_ALGORITHMS: 'RS256,none,HS256',
        TLS_CERT_FILE: '/nonexistent.pem',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'TLS_CERT_FILE and TLS_KEY_FILE must be set together',
      'PORT must be a port number from 0 to 65535, got "eighty"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got "loud"',
      'DATABASE_URL must be an absolute URL starting with postgres:// or postgresql://',
      'AUTH_ISSUER must be an absolute http(s) URL, got "auth.example"',
      'AUTH_ALGORITHMS: "none" is refused: unsigned tokens are never accepted',
      'AUTH_ALGORITHMS: "HS256" is refused: with a shared secret every holder of the key can mint tokens; use RS256, PS256 or ES256',
    ]);
    expect(problems.join('\n')).not.toContain('pa55w0rd');
  });
});
