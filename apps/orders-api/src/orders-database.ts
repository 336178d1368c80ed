import type { DynamicModule } from '@nestjs/common';
import { ApiKeyEntity } from '@platform/api-keys';
import { DatabaseModule } from '@platform/server-kit';
import { ORDERS_MIGRATIONS } from './migrations';
import { OrderEntity } from './orders/order.entity';
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
