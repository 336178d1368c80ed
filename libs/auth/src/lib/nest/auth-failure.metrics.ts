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
  /** One bound child per reason: `inc()` on it skips hashing the label set on every refusal. */
  private readonly byReason: ReadonlyMap<AuthFailureReason, { inc(): void }>;

  constructor() {
    const failures = authFailuresCounter();
    this.byReason = new Map(AUTH_FAILURE_REASONS.map((reason) => [reason, failures.labels({ reason })]));
    for (const reason of AUTH_FAILURE_REASONS) {
      failures.inc({ reason }, 0);
    }
  }

  record(reason: AuthFailureReason): void {
    this.byReason.get(reason)?.inc();
  }
}
