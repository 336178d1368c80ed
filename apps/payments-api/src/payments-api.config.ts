import { PAYMENTS_API } from '@platform/api-catalog';
import { type AuthOptions, authOptionsFromEnv } from '@platform/auth';
import { type DatabaseConfig, EnvReader, readDatabaseConfig, readServerConfig, type ServerConfig } from '@platform/server-kit';

export const APP_NAME = 'payments-api';

export interface PaymentsApiConfig {
  readonly server: ServerConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthOptions;
  /** Shared rate-limit counts between replicas (and checked by /health/ready). */
  readonly redisUrl: string | undefined;
}

/** The whole configuration of payments-api, from the environment (see the interface contract). */
export function readPaymentsApiConfig(environment: NodeJS.ProcessEnv): PaymentsApiConfig {
  const env = new EnvReader(environment);
  const server = readServerConfig(env, 3002);
  const database = readDatabaseConfig(env, APP_NAME);
  const auth = env.section(() => authOptionsFromEnv(environment, { audience: PAYMENTS_API.audience }));
  const redisUrl = env.url('REDIS_URL', ['redis:', 'rediss:']);
  const bearerRateLimitPerMinute = env.integer('RATE_LIMIT_BEARER_PER_MINUTE', 1200, { min: 1, max: 10_000_000 });
  return env.finish({ server, database, auth: { ...(auth as AuthOptions), redisUrl, bearerRateLimitPerMinute }, redisUrl });
}
