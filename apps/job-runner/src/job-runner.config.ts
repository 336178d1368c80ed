import { ORDERS_API, PAYMENTS_API } from '@platform/api-catalog';
import { EnvReader, LOG_LEVELS, type LogLevelName } from '@platform/server-kit';

/** The development client's secret: public, in this repository, refused when NODE_ENV=production. */
const DEVELOPMENT_CLIENT_SECRET = 'dev-only-job-runner-secret';

/** One API the job runner calls: where it is, and how the auth-server names it. */
export interface ApiEndpoint {
  readonly name: 'orders-api' | 'payments-api';
  readonly baseUrl: string;
  /** The RFC 8707 resource indicator sent in token requests. */
  readonly resource: string;
}

export interface JobRunnerConfig {
  readonly issuer: string;
  /** Set when the issuer's public URL is not reachable from the job runner (a container network). */
  readonly tokenEndpoint: string | undefined;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly ordersApi: ApiEndpoint;
  readonly paymentsApi: ApiEndpoint;
  readonly intervalS: number;
  /** How often a long-running job runner prints its failure summary. */
  readonly summaryIntervalS: number;
  /** When set, failure counts are served for Prometheus at `http://127.0.0.1:<port>/metrics`. */
  readonly metricsPort: number | undefined;
  readonly logLevel: LogLevelName;
}

/** The whole configuration of the job runner, from the environment (see the interface contract). */
export function readJobRunnerConfig(environment: NodeJS.ProcessEnv): JobRunnerConfig {
  const env = new EnvReader(environment);
  const production = environment['NODE_ENV'] === 'production';
  const secret = env.optional('CLIENT_SECRET');
  if (production && secret === undefined) {
    env.problem('CLIENT_SECRET must be set when NODE_ENV=production: the development secret is public', undefined);
  }
  const metricsPort = env.optional('METRICS_PORT') === undefined ? undefined : env.port('METRICS_PORT', 0);
  return env.finish({
    issuer: env.url('AUTH_ISSUER', ['http:', 'https:']) ?? 'http://localhost:3000',
    tokenEndpoint: env.url('AUTH_TOKEN_ENDPOINT', ['http:', 'https:']),
    clientId: env.string('CLIENT_ID', 'job-runner'),
    clientSecret: secret ?? DEVELOPMENT_CLIENT_SECRET,
    ordersApi: {
      name: 'orders-api',
      baseUrl: withoutTrailingSlash(env.url('ORDERS_API_URL', ['http:', 'https:']) ?? 'http://localhost:3001'),
      resource: env.string('ORDERS_API_RESOURCE', ORDERS_API.identifier),
    },
    paymentsApi: {
      name: 'payments-api',
      baseUrl: withoutTrailingSlash(env.url('PAYMENTS_API_URL', ['http:', 'https:']) ?? 'http://localhost:3002'),
      resource: env.string('PAYMENTS_API_RESOURCE', PAYMENTS_API.identifier),
    },
    intervalS: env.integer('JOB_INTERVAL_S', 30, { min: 1, max: 86_400 }),
    summaryIntervalS: env.integer('SUMMARY_INTERVAL_S', 300, { min: 1, max: 86_400 }),
    metricsPort,
    logLevel: env.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
  });
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
