import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { Public } from '@platform/auth';
import { collectDefaultMetrics, register } from 'prom-client';

// Process metrics once per process, however many applications a test creates.
if (register.getSingleMetric('process_cpu_user_seconds_total') === undefined) {
  collectDefaultMetrics();
}

/** `GET /metrics`: Prometheus text format, including `auth_failures_total{reason}`. */
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  @ApiOkResponse({ description: 'Prometheus text exposition format', content: { [register.contentType]: { schema: { type: 'string' } } } })
  metrics(): Promise<string> {
    return register.metrics();
  }
}
