import { ORDERS_API } from '@platform/api-catalog';
import { type AuthOptions, authOptionsFromEnv } from '@platform/auth';
import { type DatabaseConfig, EnvReader, readDatabaseConfig, readServerConfig, type ServerConfig } from '@platform/server-kit';

export const APP_NAME = 'orders-api';

/** Shorter peppers are refused: the pepper is an HMAC key, and 32 characters is the floor of a random one. */
const MIN_PEPPER_LENGTH = 32;

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

// The messages never quote the value: it is a secret, even when it is too short.
function readApiKeyPepper(env: EnvReader): string | undefined {
  const pepper = env.optional('API_KEY_PEPPER');
  if (pepper === undefined) {
    if (env.optional('NODE_ENV') === 'production') {
      // A generated pepper lives in the same database as the hashes it protects: fine for development only.
      return env.problem(
        'API_KEY_PEPPER must be set when NODE_ENV=production: a random value of at least 32 characters, the same on every replica (openssl rand -base64 32)',
        undefined,
      );
    }
    return undefined;
  }
  if (pepper.length < MIN_PEPPER_LENGTH) {
    return env.problem(`API_KEY_PEPPER must be at least ${MIN_PEPPER_LENGTH} characters of random (openssl rand -base64 32)`, undefined);
  }
  return pepper;
}
