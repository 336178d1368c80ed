import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@platform/auth';
import { RedisHealthIndicator } from './redis-health.indicator';

/** `GET /health/live` (the process answers) and `GET /health/ready` (its database, and Redis when configured, answer). */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    @Optional() @Inject(RedisHealthIndicator) private readonly redis?: RedisHealthIndicator,
  ) {}

  @Get('live')
  @ApiOkResponse({
    description: 'the process answers (no dependency is asked)',
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    const redis = this.redis;
    return this.health.check([
      () => this.database.pingCheck('database', { timeout: 2000 }),
      ...(redis ? [() => redis.check('redis')] : []),
    ]);
  }
}
