import { ConfigError } from '@platform/server-kit';
import { readJobRunnerConfig } from './job-runner.config';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readJobRunnerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('readJobRunnerConfig', () => {
  it('defaults to the local stack and the development client, as the contract says', () => {
    expect(readJobRunnerConfig({})).toEqual({
      issuer: 'http://localhost:3000',
      tokenEndpoint: undefined,
      clientId: 'job-runner',
      clientSecret: 'dev-only-job-runner-secret',
      ordersApi: { name: 'orders-api', baseUrl: 'http://localhost:3001', resource: 'urn:orders-api' },
      paymentsApi: { name: 'payments-api', baseUrl: 'http://localhost:3002', resource: 'urn:payments-api' },
      intervalS: 30,
      summaryIntervalS: 300,
      metricsPort: undefined,
      logLevel: 'info',
    });
  });

  it('reads every variable, dropping a trailing slash from the API URLs', () => {
    const config = readJobRunnerConfig({
      AUTH_ISSUER: 'https://auth.example.com',
      AUTH_TOKEN_ENDPOINT: 'http://auth-server:3000/token',
      CLIENT_ID: 'nightly',
      CLIENT_SECRET: 's3cret-value',
      ORDERS_API_URL: 'http://orders:3001/',
      PAYMENTS_API_URL: 'http://payments:3002',
      ORDERS_API_RESOURCE: 'urn:orders',
      JOB_INTERVAL_S: '5',
      METRICS_PORT: '9464',
      LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      issuer: 'https://auth.example.com',
      tokenEndpoint: 'http://auth-server:3000/token',
      clientId: 'nightly',
      clientSecret: 's3cret-value',
      ordersApi: { baseUrl: 'http://orders:3001', resource: 'urn:orders' },
      paymentsApi: { baseUrl: 'http://payments:3002' },
      intervalS: 5,
      metricsPort: 9464,
      logLevel: 'debug',
    });
  });

  it('refuses the public development secret in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'CLIENT_SECRET must be set when NODE_ENV=production: the development secret is public',
    ]);
  });

  it('names each bad variable on its own line', () => {
    const problems = problemsOf({ AUTH_ISSUER: 'auth.example', ORDERS_API_URL: 'ftp://x', JOB_INTERVAL_S: '0', METRICS_PORT: 'x' });
    expect(problems.map((problem) => problem.split(' ')[0]).sort()).toEqual([
      'AUTH_ISSUER',
      'JOB_INTERVAL_S',
      'METRICS_PORT',
      'ORDERS_API_URL',
    ]);
  });
});
