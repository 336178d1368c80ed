import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { AUTH_FAILURE_REASONS, type AuthFailureReason } from '../core/auth-failure-reason';
import { processWideCounter } from './process-wide-counter';

/**
 * `auth_failures_total{reason}`, the one failure metric of every app (the auth-server counts its
 * OAuth errors in it too, so one alert rule covers them all).
 */
export function authFailuresCounter(): Counter<'reason'> {
  return processWideCounter('auth_failures_total', 'Requests refused by authentication or authorization, by reason', ['reason']);
}

/** `auth_failures_total{reason}` in prom-client's default registry, every reason starting at 0. */
@Injectable()
export class AuthFailureMetrics {
  private readonly failures: Counter<'reason'>;

  constructor() {
    this.failures = authFailuresCounter();
    for (const reason of AUTH_FAILURE_REASONS) {
      this.failures.inc({ reason }, 0);
    }
  }

  record(reason: AuthFailureReason): void {
    this.failures.inc({ reason });
  }
}
