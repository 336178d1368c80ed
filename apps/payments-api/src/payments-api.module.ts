import { type DynamicModule, Module } from '@nestjs/common';
import { PAYMENTS_API } from '@platform/api-catalog';
import { AuthModule, resolveAuthOptions } from '@platform/auth';
import { ApiDocsModule, DatabaseModule, HealthModule, MetricsModule } from '@platform/server-kit';
import { PAYMENTS_MIGRATIONS } from './migrations';
import { PaymentEntity } from './payments/payment.entity';
import { PaymentsModule } from './payments/payments.module';
import type { PaymentsApiConfig } from './payments-api.config';

/** The schema payments-api keeps its tables in (apps may share a database). */
export const PAYMENTS_SCHEMA = 'payments_api';

@Module({})
export class PaymentsApiModule {
  static register(config: PaymentsApiConfig): DynamicModule {
    return {
      module: PaymentsApiModule,
      imports: [
        AuthModule.forRoot(config.auth),
        DatabaseModule.forRoot({
          config: config.database,
          schema: PAYMENTS_SCHEMA,
          entities: [PaymentEntity],
          migrations: PAYMENTS_MIGRATIONS,
        }),
        HealthModule.forRoot({ redisUrl: config.redisUrl }),
        MetricsModule,
        PaymentsModule,
        ApiDocsModule.forRoot({
          title: 'payments-api',
          description:
            'Services pay orders and read payments with client-credentials tokens. Each operation lists the scopes its guard enforces.',
          issuers: resolveAuthOptions(config.auth).issuers,
          resource: PAYMENTS_API.identifier,
        }),
      ],
    };
  }
}
