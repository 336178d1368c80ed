import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@platform/auth';
import { DatabaseModule, HealthModule, MetricsModule } from '@platform/server-kit';
import { ApiKeyEntity } from './api-keys/api-key.entity';
import { API_KEY_PEPPER } from './api-keys/api-key-pepper';
import { ApiKeyStoreModule } from './api-keys/api-key-store.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { MeController } from './me/me.controller';
import { ORDERS_MIGRATIONS } from './migrations';
import { OrderEntity } from './orders/order.entity';
import { OrdersModule } from './orders/orders.module';
import type { OrdersApiConfig } from './orders-api.config';
import { ORDERS_SCHEMA } from './orders-schema';

/** orders-api's database, the same for the server and the `apikeys` command. */
export function ordersDatabase(config: OrdersApiConfig): DynamicModule {
  return DatabaseModule.forRoot({
    config: config.database,
    schema: ORDERS_SCHEMA,
    entities: [OrderEntity, ApiKeyEntity],
    migrations: ORDERS_MIGRATIONS,
  });
}

@Module({})
export class OrdersApiModule {
  static register(config: OrdersApiConfig): DynamicModule {
    return {
      module: OrdersApiModule,
      imports: [
        // Async: the pepper may live in the database, so AuthModule waits for it.
        AuthModule.forRootAsync({
          inject: [API_KEY_PEPPER],
          useFactory: (pepper: string) => ({
            ...config.auth,
            apiKeys: { pepper },
            redisUrl: config.redisUrl,
            bearerRateLimitPerMinute: config.bearerRateLimitPerMinute,
          }),
        }),
        ordersDatabase(config),
        ApiKeyStoreModule.register(config.apiKeyPepper),
        ApiKeysModule,
        HealthModule.forRoot({ redisUrl: config.redisUrl }),
        MetricsModule,
        OrdersModule,
      ],
      controllers: [MeController],
    };
  }
}
