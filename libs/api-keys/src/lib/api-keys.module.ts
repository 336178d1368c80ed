import { type DynamicModule, Module } from '@nestjs/common';
import type { ApiKeysOptions } from './api-key-policy';
import { ApiKeyStoreModule } from './api-key-store.module';
import { ApiKeyUsageFlusher } from './api-key-usage.flusher';
import { createApiKeysAdminController } from './api-keys-admin.controller';
import { ApiKeysService } from './api-keys.service';

/**
 * API keys for an app on libs/auth: the store (global, for AuthModule's verifier), the admin
 * routes and the usage writer. The app also lists `ApiKeyEntity` among its entities and
 * `createApiKeysMigration(schema)` among its migrations, and gives AuthModule the pepper.
 *
 * @example
 * AuthModule.forRootAsync({ inject: [API_KEY_PEPPER], useFactory: (pepper: string) => ({ ...auth, apiKeys: { pepper } }) }),
 * ApiKeysModule.register({ schema: 'orders_api', grantableScopes: ['read:orders'], adminScope: 'admin:api-keys', pepper }),
 */
@Module({})
export class ApiKeysModule {
  static register(options: ApiKeysOptions): DynamicModule {
    return {
      module: ApiKeysModule,
      imports: [ApiKeyStoreModule.register(options)],
      controllers: [createApiKeysAdminController(options)],
      providers: [ApiKeysService, ApiKeyUsageFlusher],
    };
  }
}
