import { ConfigError } from '@platform/server-kit';
import { readPaymentsApiConfig } from './payments-api.config';

describe('payments-api configuration', () => {
  it('applies the contract defaults: port 3002, audience payments-api, .data/payments-api', () => {
    const config = readPaymentsApiConfig({});
    expect(config.server).toEqual({
      port: 3002,
      host: '127.0.0.1',
      logLevel: 'info',
      tls: undefined,
      webOrigins: ['http://localhost:5173'],
    });
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toMatch(/\.data\/payments-api$/);
    expect(config.auth).toMatchObject({
      issuer: 'http://localhost:3000',
      audience: 'payments-api',
      algorithms: ['RS256'],
      clockToleranceS: 60,
      accessTokenTyp: 'at+jwt',
    });
  });

  it('reads every variable it is given', () => {
    const config = readPaymentsApiConfig({
      PORT: '4002',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'debug',
      DATABASE_URL: 'postgres://postgres@db:5432/platform',
      DATA_DIR: '/var/lib/payments',
      AUTH_ISSUER: 'https://auth.example.com',
      AUTH_AUDIENCE: 'payments',
      AUTH_JWKS_URI: 'https://auth.example.com/jwks',
    });
    expect(config.server).toMatchObject({ port: 4002, host: '0.0.0.0', logLevel: 'debug' });
    expect(config.database).toEqual({ url: 'postgres://postgres@db:5432/platform', dataDir: '/var/lib/payments' });
    expect(config.auth).toMatchObject({
      issuer: 'https://auth.example.com',
      audience: 'payments',
      jwksUri: 'https://auth.example.com/jwks',
    });
  });

  it('reports every bad variable on its own line, naming it, without echoing a database password', () => {
    let problems: readonly string[] = [];
    try {
      readPaymentsApiConfig({
        PORT: '70000',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://root:pa55w0rd@db/payments',
        AUTH_ISSUER: 'auth.example',
        AUTH_ALGORITHMS: 'RS256,none,HS256',
        TLS_KEY_FILE: '/nonexistent.pem',
      });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      'TLS_CERT_FILE and TLS_KEY_FILE must be set together',
      'PORT must be a port number from 0 to 65535, got "70000"',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, got "loud"',
      'DATABASE_URL must be an absolute URL starting with postgres:// or postgresql://',
      'AUTH_ISSUER must be an absolute http(s) URL, got "auth.example"',
      'AUTH_ALGORITHMS: "none" is refused: unsigned tokens are never accepted',
      'AUTH_ALGORITHMS: "HS256" is refused: with a shared secret every holder of the key can mint tokens; use RS256, PS256 or ES256',
    ]);
    expect(problems.join('\n')).not.toContain('pa55w0rd');
  });
});
