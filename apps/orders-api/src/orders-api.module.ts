import { type DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@platform/auth';
import { DatabaseModule, HealthModule, MetricsModule } from '@platform/server-kit';
import { MeController } from './me/me.controller';
import { ORDERS_MIGRATIONS } from './migrations';
import { OrderEntity } from './orders/order.entity';
import { OrdersModule } from './orders/orders.module';
import type { OrdersApiConfig } from './orders-api.config';

/** The schema orders-api keeps its tables in (apps may share a database). */
export const ORDERS_SCHEMA = 'orders_api';

@Module({})
export class OrdersApiModule {
  static register(config: OrdersApiConfig): DynamicModule {
    return {
      module: OrdersApiModule,
      imports: [
        AuthModule.forRoot(config.auth),
        DatabaseModule.forRoot({ config: config.database, schema: ORDERS_SCHEMA, entities: [OrderEntity], migrations: ORDERS_MIGRATIONS }),
        HealthModule,
        MetricsModule,
        OrdersModule,
      ],
      controllers: [MeController],
    };
  }
}
