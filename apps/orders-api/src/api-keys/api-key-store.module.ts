import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { API_KEY_LOOKUP } from '@platform/auth';
import { ApiKeyEntity } from './api-key.entity';
import { apiKeyPepperProvider, API_KEY_PEPPER } from './api-key-pepper';
import { ApiKeyStore } from './api-key-store';

/**
 * The key store, its pepper and the `API_KEY_LOOKUP` libs/auth verifies against. Global because
 * AuthModule (itself global) injects the lookup and the pepper. Needs only the database, so the
 * `apikeys` command uses it without the HTTP side.
 */
@Global()
@Module({})
export class ApiKeyStoreModule {
  static register(configuredPepper: string | undefined): DynamicModule {
    return {
      module: ApiKeyStoreModule,
      imports: [TypeOrmModule.forFeature([ApiKeyEntity])],
      providers: [apiKeyPepperProvider(configuredPepper), ApiKeyStore, { provide: API_KEY_LOOKUP, useExisting: ApiKeyStore }],
      exports: [API_KEY_PEPPER, API_KEY_LOOKUP, ApiKeyStore],
    };
  }
}
