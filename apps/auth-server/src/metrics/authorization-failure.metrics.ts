import { Injectable } from '@nestjs/common';
import type Provider from 'oidc-provider';
import { authFailuresCounter } from '@platform/auth';
import type { Counter } from 'prom-client';

/** The OAuth error codes a refused request can carry, each exported from 0 so dashboards see them before the first failure. */
const OAUTH_ERRORS = [
  'invalid_client',
  'invalid_grant',
  'invalid_request',
  'invalid_scope',
  'invalid_target',
  'unauthorized_client',
  'unsupported_grant_type',
  'access_denied',
  'expired_token',
] as const;

/** A wrong username or password on the login page (not an OAuth error: the browser gets the page again). */
export const INVALID_CREDENTIALS = 'invalid_credentials';

/** The oidc-provider events that report a request refused with an OAuth error. */
const PROVIDER_ERROR_EVENTS = [
  'grant.error',
  'authorization.error',
  'introspection.error',
  'revocation.error',
  'device_authorization.error',
  'code_verification.error',
  'device_resume.error',
  'end_session.error',
  'userinfo.error',
] as const;

/**
 * `auth_failures_total{reason}` for the auth-server: the reason is the OAuth error code of the
 * refused request (`invalid_client` for a wrong client secret, `invalid_grant` for a reused
 * refresh token, ...), or `invalid_credentials` for a failed sign-in. The same metric name as the
 * resource servers, so one alert rule covers every app.
 */
@Injectable()
export class AuthorizationFailureMetrics {
  // Resource servers label their refusals by issuer too; the auth-server's are all its own, so it leaves `issuer` out.
  private readonly failures: Counter<'reason' | 'issuer'>;

  constructor() {
    // The same process-wide counter as the resource servers', shared when a test runs both in one process.
    this.failures = authFailuresCounter();
    for (const reason of [...OAUTH_ERRORS, INVALID_CREDENTIALS]) {
      this.failures.inc({ reason }, 0);
    }
  }

  record(reason: string): void {
    this.failures.inc({ reason });
  }

  /** Counts every OAuth error the provider answers with; its own server errors are not the client's failures. */
  observe(provider: Provider): void {
    // Every one of these events passes (ctx, error); the typings declare each name separately.
    const on = provider.on.bind(provider) as (
      event: string,
      listener: (ctx: unknown, error: { error?: unknown; status?: unknown }) => void,
    ) => void;
    for (const event of PROVIDER_ERROR_EVENTS) {
      on(event, (_ctx, error) => {
        if (typeof error.error === 'string' && typeof error.status === 'number' && error.status < 500) {
          this.record(error.error);
        }
      });
    }
  }
}
