import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AccessTokenPolicy } from '../core/access-token-policy';
import { AuthError, DependencyUnavailableError, InvalidApiKeyError } from '../core/auth-error';
import { AUTH_POLICY } from './auth.constants';
import { AuthFailureLog } from './auth-failure-log';
import { AuthFailureMetrics } from './auth-failure.metrics';
import type { AuthenticatedRequest } from './http-request';

/**
 * Renders every `AuthError` as RFC 6750 prescribes (status, `WWW-Authenticate`, JSON body with
 * the reason), counts it in `auth_failures_total` by reason and issuer and logs one line (`AuthFailureLog`: at most 20
 * a second per reason, the rest counted). The log names the reason, never the credential; the
 * path is logged without its query string.
 */
@Catch(AuthError)
export class AuthErrorFilter implements ExceptionFilter<AuthError> {
  private readonly log = new AuthFailureLog(new Logger('Auth'));

  constructor(
    @Inject(AUTH_POLICY) private readonly policy: AccessTokenPolicy,
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics: AuthFailureMetrics,
  ) {}

  catch(error: AuthError, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const response: unknown = http.getResponse();
    const issuer = error.issuer ?? this.trustedIssuerOf(request.user?.claims['iss']);
    this.metrics.record(error.reason, issuer);
    this.log.record(error.reason, () => ({
      event: 'auth_failure',
      status: error.status,
      error: error.code ?? null,
      reason: error.reason,
      method: request.method,
      path: (request.url ?? '').split('?')[0],
      clientId: request.user?.clientId ?? null,
      ...(issuer === undefined ? {} : { issuer }),
      ...(error instanceof InvalidApiKeyError && error.keyId !== undefined ? { keyId: error.keyId } : {}),
      ...(request.user?.apiKeyId === undefined ? {} : { keyId: request.user.apiKeyId }),
    }));
    const adapter = this.adapterHost.httpAdapter;
    const challenge = error.wwwAuthenticate(this.policy.realm);
    if (challenge !== undefined) adapter.setHeader(response, 'WWW-Authenticate', challenge);
    if (error instanceof DependencyUnavailableError) adapter.setHeader(response, 'Retry-After', String(error.retryAfterS));
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    adapter.reply(response, error.toResponseBody(), error.status);
  }

  /** A principal refused after authentication (scope, machine-only) is counted under its token's issuer. */
  private trustedIssuerOf(iss: unknown): string | undefined {
    return typeof iss === 'string' && this.policy.issuers.includes(iss) ? iss : undefined;
  }
}
