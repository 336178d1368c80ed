import { Logger, type Provider } from '@nestjs/common';
import { ServerSecrets } from '@platform/server-kit';
import { DataSource } from 'typeorm';
import type { ApiKeysOptions } from './api-key-policy';

/** Injection token of the pepper that API-key secrets are hashed under. */
export const API_KEY_PEPPER = Symbol('API_KEY_PEPPER');

const SECRET_NAME = 'api_key_pepper';

/**
 * `API_KEY_PEPPER` when configured; otherwise (never in production: `readApiKeyPepper` refuses
 * that) a pepper generated on first start and kept in the database, so every replica and the
 * `apikeys` command hash alike. The pepper itself is never logged.
 */
export function apiKeyPepperProvider({ pepper, schema }: ApiKeysOptions): Provider {
  return {
    provide: API_KEY_PEPPER,
    inject: [DataSource],
    useFactory: async (dataSource: DataSource): Promise<string> => {
      if (pepper !== undefined) return pepper;
      const { value, generated } = await new ServerSecrets(dataSource, schema).getOrCreate(SECRET_NAME);
      const origin = generated ? 'generated now and kept' : 'kept';
      new Logger('ApiKeys').warn(
        `API_KEY_PEPPER is not set: API-key secrets are hashed under a pepper ${origin} in ${schema}.server_secrets; production must set API_KEY_PEPPER`,
      );
      return value;
    },
  };
}
