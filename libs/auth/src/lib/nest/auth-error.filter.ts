import { type ArgumentsHost, Catch, type ExceptionFilter, Inject, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { AccessTokenPolicy } from '../core/access-token-policy';
import { AuthError, InvalidApiKeyError } from '../core/auth-error';
import { AUTH_POLICY } from './auth.constants';
import { AuthFailureLog } from './auth-failure-log';
import { AuthFailureMetrics } from './auth-failure.metrics';
import type { AuthenticatedRequest } from './http-request';

/**
 * Renders every `AuthError` as RFC 6750 prescribes (status, `WWW-Authenticate`, JSON body with
 * the reason), counts it in `auth_failures_total` and logs one line (`AuthFailureLog`: at most 20
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
    this.metrics.record(error.reason);
    this.log.record(error.reason, () => ({
      event: 'auth_failure',
      status: error.status,
      error: error.code ?? null,
      reason: error.reason,
      method: request.method,
      path: (request.url ?? '').split('?')[0],
      clientId: request.user?.clientId ?? null,
      ...(error instanceof InvalidApiKeyError && error.keyId !== undefined ? { keyId: error.keyId } : {}),
      ...(request.user?.apiKeyId === undefined ? {} : { keyId: request.user.apiKeyId }),
    }));
    const adapter = this.adapterHost.httpAdapter;
    const challenge = error.wwwAuthenticate(this.policy.realm);
    if (challenge !== undefined) adapter.setHeader(response, 'WWW-Authenticate', challenge);
    adapter.setHeader(response, 'Cache-Control', 'no-store');
    adapter.reply(response, error.toResponseBody(), error.status);
  }
}
