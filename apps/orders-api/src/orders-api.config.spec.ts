import { ConfigError } from '@platform/server-kit';
import { readOrdersApiConfig } from './orders-api.config';

describe('orders-api configuration', () => {
  it('applies the contract defaults', () => {
    const config = readOrdersApiConfig({});
    expect(config.server).toEqual({
      port: 3001,
      host: '127.0.0.1',
      logLevel: 'info',
      tls: undefined,
      webOrigins: ['http://localhost:5173'],
    });
    expect(config.database.url).toBeUndefined();
    expect(config.database.dataDir).toMatch(/\.data\/orders-api$/);
    expect(config.auth).toMatchObject({
      issuer: 'http://localhost:3000',
      audience: 'orders-api',
      algorithms: ['RS256'],
      clockToleranceS: 60,
      accessTokenTyp: 'at+jwt',
    });
    expect(config.apiKeyPepper).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.bearerRateLimitPerMinute).toBe(1200);
  });

  it('reads the API-key pepper, Redis and the bearer rate limit', () => {
    const pepper = 'x'.repeat(32);
    const config = readOrdersApiConfig({
      API_KEY_PEPPER: pepper,
      REDIS_URL: 'rediss://cache.internal:6380/0',
      RATE_LIMIT_BEARER_PER_MINUTE: '600',
      NODE_ENV: 'production',
    });
    expect(config).toMatchObject({ apiKeyPepper: pepper, redisUrl: 'rediss://cache.internal:6380/0', bearerRateLimitPerMinute: 600 });
  });

  it('leaves the pepper unset outside production, to be generated and kept in the database', () => {
    expect(readOrdersApiConfig({ NODE_ENV: 'development' }).apiKeyPepper).toBeUndefined();
  });

  it('requires API_KEY_PEPPER in production', () => {
    expect(() => readOrdersApiConfig({ NODE_ENV: 'production' })).toThrow(
      'API_KEY_PEPPER must be set when NODE_ENV=production: a random value of at least 32 characters, the same on every replica (openssl rand -base64 32)',
    );
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
        REDIS_URL: 'http://:hunter2@cache:6379',
        API_KEY_PEPPER: 'short-but-secret-pepper',
        RATE_LIMIT_BEARER_PER_MINUTE: '0',
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
      'REDIS_URL must be an absolute URL starting with redis:// or rediss://',
      'API_KEY_PEPPER must be at least 32 characters of random (openssl rand -base64 32)',
      'RATE_LIMIT_BEARER_PER_MINUTE must be a whole number from 1 to 10000000, got "0"',
    ]);
    for (const secret of ['pa55w0rd', 'hunter2', 'short-but-secret-pepper']) {
      expect(problems.join('\n')).not.toContain(secret);
    }
  });
});
