import { Injectable } from '@nestjs/common';
import { Counter, register } from 'prom-client';
import { AUTH_FAILURE_REASONS, type AuthFailureReason } from '../core/auth-failure-reason';

const METRIC_NAME = 'auth_failures_total';

/** `auth_failures_total{reason}` in prom-client's default registry, every reason starting at 0. */
@Injectable()
export class AuthFailureMetrics {
  private readonly failures: Counter<'reason'>;

  constructor() {
    // One counter per process, however many Nest applications it creates (tests create several).
    this.failures =
      (register.getSingleMetric(METRIC_NAME) as Counter<'reason'> | undefined) ??
      new Counter({ name: METRIC_NAME, help: 'Requests refused by authentication or authorization, by reason', labelNames: ['reason'] });
    for (const reason of AUTH_FAILURE_REASONS) {
      this.failures.inc({ reason }, 0);
    }
  }

  record(reason: AuthFailureReason): void {
    this.failures.inc({ reason });
  }
}
