import { type DynamicModule, Module } from '@nestjs/common';
import { HealthIndicatorService, TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { RedisHealthIndicator } from './redis-health.indicator';

/**
 * `/health/live` and `/health/ready`. Import `HealthModule` for a database check, or
 * `HealthModule.forRoot({ redisUrl })` to check Redis as well when the app uses it.
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
})
export class HealthModule {
  static forRoot(options: { redisUrl?: string | undefined }): DynamicModule {
    const { redisUrl } = options;
    return {
      module: HealthModule,
      providers:
        redisUrl === undefined
          ? []
          : [
              {
                provide: RedisHealthIndicator,
                inject: [HealthIndicatorService],
                useFactory: (indicators: HealthIndicatorService) => new RedisHealthIndicator(redisUrl, indicators),
              },
            ],
    };
  }
}
