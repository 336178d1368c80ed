import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeyStoreModule } from '../api-keys/api-key-store.module';
import type { OrdersApiConfig } from '../orders-api.config';
import { ordersDatabase } from '../orders-api.module';

/** What `apikeys` needs: the server's database and key store, no HTTP, no token verification. */
@Module({})
export class ApiKeysCliModule {
  static register(config: OrdersApiConfig): DynamicModule {
    return { module: ApiKeysCliModule, imports: [ordersDatabase(config), ApiKeyStoreModule.register(config.apiKeyPepper)] };
  }
}
