import { type DynamicModule, Module } from '@nestjs/common';
import { API_KEY_PEPPER, ApiKeysModule } from '@platform/api-keys';
import { ORDERS_API } from '@platform/api-catalog';
import { AuthModule, resolveAuthOptions } from '@platform/auth';
import { ApiDocsModule, HealthModule, MetricsModule } from '@platform/server-kit';
import { ORDERS_API_KEY_POLICY } from './api-keys/api-key.policy';
import { MeController } from './me/me.controller';
import { OrdersModule } from './orders/orders.module';
import type { OrdersApiConfig } from './orders-api.config';
import { ordersDatabase } from './orders-database';

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
        ApiKeysModule.register({ ...ORDERS_API_KEY_POLICY, pepper: config.apiKeyPepper }),
        HealthModule.forRoot({ redisUrl: config.redisUrl }),
        MetricsModule,
        OrdersModule,
        ApiDocsModule.forRoot({
          title: 'orders-api',
          description:
            'Customers place and read their orders (bearer tokens), partners read orders by id (API keys), admins manage the keys. Each operation lists the scopes its guard enforces.',
          issuers: resolveAuthOptions(config.auth).issuers,
          resource: ORDERS_API.identifier,
        }),
      ],
      controllers: [MeController],
    };
  }
}
