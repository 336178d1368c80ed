import { ORDERS_API } from '@platform/api-catalog';
import { readApiKeyPepper } from '@platform/api-keys';
import { type AuthOptions, authOptionsFromEnv } from '@platform/auth';
import { type DatabaseConfig, EnvReader, readDatabaseConfig, readServerConfig, type ServerConfig } from '@platform/server-kit';

export const APP_NAME = 'orders-api';

export interface OrdersApiConfig {
  readonly server: ServerConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthOptions;
  /** `API_KEY_PEPPER`; unset outside production: one is generated and kept in the database. */
  readonly apiKeyPepper: string | undefined;
  /** `REDIS_URL`: rate limits and API-key revocations shared by every replica; unset: in-process. */
  readonly redisUrl: string | undefined;
  /** `RATE_LIMIT_BEARER_PER_MINUTE`: each bearer client's request budget (API keys carry their own). */
  readonly bearerRateLimitPerMinute: number;
}

/** The whole configuration of orders-api, from the environment (see the interface contract). */
export function readOrdersApiConfig(environment: NodeJS.ProcessEnv): OrdersApiConfig {
  const env = new EnvReader(environment);
  const server = readServerConfig(env, 3001);
  const database = readDatabaseConfig(env, APP_NAME);
  const auth = env.section(() => authOptionsFromEnv(environment, { audience: ORDERS_API.audience }));
  const redisUrl = env.url('REDIS_URL', ['redis:', 'rediss:']);
  const apiKeyPepper = readApiKeyPepper(env);
  const bearerRateLimitPerMinute = env.integer('RATE_LIMIT_BEARER_PER_MINUTE', 1200, { min: 1, max: 10_000_000 });
  return env.finish({ server, database, auth: auth as AuthOptions, apiKeyPepper, redisUrl, bearerRateLimitPerMinute });
}
