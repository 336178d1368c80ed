import { type AuthOptions, authOptionsFromEnv } from '@platform/auth';
import { type DatabaseConfig, EnvReader, readDatabaseConfig, readServerConfig, type ServerConfig } from '@platform/server-kit';

export const APP_NAME = 'payments-api';

export interface PaymentsApiConfig {
  readonly server: ServerConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthOptions;
}

/** The whole configuration of payments-api, from the environment (see the interface contract). */
export function readPaymentsApiConfig(environment: NodeJS.ProcessEnv): PaymentsApiConfig {
  const env = new EnvReader(environment);
  const server = readServerConfig(env, 3002);
  const database = readDatabaseConfig(env, APP_NAME);
  const auth = env.section(() => authOptionsFromEnv(environment, { audience: APP_NAME }));
  return env.finish({ server, database, auth: auth as AuthOptions });
}
