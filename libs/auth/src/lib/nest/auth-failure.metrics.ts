import { Inject, Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import type { AccessTokenPolicy } from '../core/access-token-policy';
import { AUTH_FAILURE_REASONS, type AuthFailureReason } from '../core/auth-failure-reason';
import { AUTH_POLICY } from './auth.constants';
import { processWideCounter } from './process-wide-counter';

/** The `issuer` label of a refusal that names no trusted issuer: no token, an API key, an unlisted `iss`. */
export const UNLISTED_ISSUER = 'unlisted';

/**
 * `auth_failures_total{reason, issuer}`, the one failure metric of every app (the auth-server
 * counts its OAuth errors in it too, so one alert rule covers them all).
 */
export function authFailuresCounter(): Counter<'reason' | 'issuer'> {
  return processWideCounter('auth_failures_total', 'Requests refused by authentication or authorization, by reason and issuer', [
    'reason',
    'issuer',
  ]);
}

/**
 * `auth_failures_total{reason, issuer}` in prom-client's default registry, every reason of every
 * trusted issuer (and `unlisted`) starting at 0.
 */
@Injectable()
export class AuthFailureMetrics {
  /** One bound child per issuer and reason: `inc()` on it skips hashing the label set on every refusal. */
  private readonly byIssuer: ReadonlyMap<string, ReadonlyMap<AuthFailureReason, { inc(): void }>>;

  constructor(@Inject(AUTH_POLICY) policy: AccessTokenPolicy) {
    const failures = authFailuresCounter();
    this.byIssuer = new Map(
      [...policy.issuers, UNLISTED_ISSUER].map((issuer) => {
        const byReason = new Map(AUTH_FAILURE_REASONS.map((reason) => [reason, failures.labels({ reason, issuer })]));
        for (const reason of AUTH_FAILURE_REASONS) failures.inc({ reason, issuer }, 0);
        return [issuer, byReason];
      }),
    );
  }

  /** Counts a refusal; `issuer` is the trusted issuer of the refused token, if it named one. */
  record(reason: AuthFailureReason, issuer: string | undefined): void {
    (this.byIssuer.get(issuer ?? UNLISTED_ISSUER) ?? this.byIssuer.get(UNLISTED_ISSUER))?.get(reason)?.inc();
  }
}
