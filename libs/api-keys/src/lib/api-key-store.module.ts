import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { API_KEY_LOOKUP } from '@platform/auth';
import { ApiKeyEntity } from './api-key.entity';
import { apiKeyPepperProvider, API_KEY_PEPPER } from './api-key-pepper';
import { API_KEYS_OPTIONS, type ApiKeysOptions, checkApiKeyPolicy } from './api-key-policy';
import { ApiKeyStore } from './api-key-store';

/**
 * The key store, its pepper and the `API_KEY_LOOKUP` libs/auth verifies against. Global because
 * AuthModule (itself global) injects the lookup and the pepper. Needs only the database, so the
 * `apikeys` command uses it without the HTTP side.
 *
 * @example
 * imports: [appDatabase(config), ApiKeyStoreModule.register({ ...APP_API_KEY_POLICY, pepper: config.apiKeyPepper })]
 */
@Global()
@Module({})
export class ApiKeyStoreModule {
  static register(options: ApiKeysOptions): DynamicModule {
    checkApiKeyPolicy(options);
    return {
      module: ApiKeyStoreModule,
      imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
      providers: [
        { provide: API_KEYS_OPTIONS, useValue: options },
        apiKeyPepperProvider(options),
        ApiKeyStore,
        { provide: API_KEY_LOOKUP, useExisting: ApiKeyStore },
      ],
      exports: [API_KEYS_OPTIONS, API_KEY_PEPPER, API_KEY_LOOKUP, ApiKeyStore],
    };
  }
}
