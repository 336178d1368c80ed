import { type DynamicModule, Module } from '@nestjs/common';
import type { ApiKeysOptions } from '../api-key-policy';
import { ApiKeyStoreModule } from '../api-key-store.module';

/** What `apikeys` needs: the server's database and key store, no HTTP, no token verification. */
@Module({})
export class ApiKeysCliModule {
  static register(database: DynamicModule, options: ApiKeysOptions): DynamicModule {
    return { module: ApiKeysCliModule, imports: [database, ApiKeyStoreModule.register(options)] };
  }
}
