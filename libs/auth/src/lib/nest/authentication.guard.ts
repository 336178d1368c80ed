import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ApiKeyUsage } from '../core/api-keys/api-key-usage';
import type { ApiKeyVerifier } from '../core/api-keys/api-key-verifier';
import { AuthError, InvalidApiKeyError, InvalidRequestError, MissingCredentialsError } from '../core/auth-error';
import { authErrorFromVerification } from '../core/auth-error-from-verification';
import { readBearerToken } from '../core/bearer-token';
import type { AuthMethod, Principal } from '../core/principal';
import { VerifiedTokenCache } from '../core/verified-token-cache';
import { API_KEY_VERIFIER, apiKeyRequestsCounter } from './api-key.providers';
import { AUTH_METHODS } from './auth.constants';
import type { AuthenticatedRequest } from './http-request';
import { isPublicRoute } from './is-public-route';

const BEARER_ONLY: readonly AuthMethod[] = ['bearer'];
/** Query parameters a client might put a key in; such a URL is refused before anything reads it. */
const KEY_QUERY_PARAMETERS = new Set(['api_key', 'apikey', 'x-api-key', 'key']);

/**
 * The global guard: every route needs a valid credential unless it is `@Public()`; which kinds
 * it accepts is `@AuthMethods()` (bearer tokens only by default). Failures are thrown as
 * `AuthError`s that keep their reason (the stock AuthGuard turns every failure into a bare 401).
 * A credential verified before is answered from memory, synchronously. Made for one AuthModule's
 * strategy names (passport's registry is process-wide).
 */
export function authenticationGuardFor(strategyNames: { bearer: string; apiKey: string }) {
  /** Lets passport run a strategy while keeping its failure reason. */
  function passportGuard(strategy: string): CanActivate {
    class PassportGuard extends AuthGuard(strategy) {
      override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
        if (user) return user;
        if (error instanceof AuthError) throw error;
        throw authErrorFromVerification(error ?? info);
      }
    }
    return new PassportGuard();
  }

  @Injectable()
  class AuthenticationGuard implements CanActivate {
    private readonly bearer = passportGuard(strategyNames.bearer);
    private readonly apiKey = passportGuard(strategyNames.apiKey);
    private readonly apiKeyRequests = apiKeyRequestsCounter();

    constructor(
      private readonly reflector: Reflector,
      private readonly verifiedTokens: VerifiedTokenCache,
      private readonly usage: ApiKeyUsage,
      @Inject(API_KEY_VERIFIER) private readonly apiKeys: ApiKeyVerifier | undefined,
    ) {}

    canActivate(context: ExecutionContext): boolean | Promise<boolean> {
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      refuseKeyInUrl(request.url);
      if (isPublicRoute(this.reflector, context)) {
        return true;
      }
      const methods =
        this.reflector.getAllAndOverride<readonly AuthMethod[] | undefined>(AUTH_METHODS, [context.getHandler(), context.getClass()]) ??
        BEARER_ONLY;
      const { headers } = request;
      const sendsKey = headers['x-api-key-id'] !== undefined || headers['x-api-key'] !== undefined;
      if (methods.includes('api_key') && (sendsKey || !methods.includes('bearer'))) {
        return this.authenticateApiKey(context, request);
      }
      return this.authenticateBearer(context, request);
    }

    private authenticateBearer(context: ExecutionContext, request: AuthenticatedRequest): boolean | Promise<boolean> {
      // The hot path: a header value verified before is answered without parsing it again, and
      // synchronously (every await in a guard costs the whole route a measurable share).
      const authorization = request.headers['authorization'];
      const cached = typeof authorization === 'string' ? this.verifiedTokens.get(authorization) : undefined;
      if (cached) {
        request.user = cached;
        return true;
      }
      return this.verifyBearer(context, request, authorization);
    }

    private async verifyBearer(
      context: ExecutionContext,
      request: AuthenticatedRequest,
      authorization: string | string[] | undefined,
    ): Promise<boolean> {
      // Throws the precise 400/401 for a missing or malformed header before passport reads it.
      readBearerToken(authorization);
      await this.bearer.canActivate(context);
      const principal = request.user as Principal;
      this.verifiedTokens.set(authorization as string, principal, principal.claims['exp'] as number);
      return true;
    }

    private authenticateApiKey(context: ExecutionContext, request: AuthenticatedRequest): boolean | Promise<boolean> {
      if (this.apiKeys === undefined) {
        throw new InvalidApiKeyError('invalid_api_key', 'this server does not accept API keys', undefined);
      }
      const id = request.headers['x-api-key-id'];
      const secret = request.headers['x-api-key'];
      if (id === undefined && secret === undefined) {
        throw new MissingCredentialsError('this resource requires an API key in the x-api-key-id and x-api-key headers');
      }
      const cached = typeof id === 'string' && typeof secret === 'string' ? this.apiKeys.cached(id, secret) : undefined;
      if (cached) {
        request.user = cached;
        this.accepted(id as string);
        return true;
      }
      return this.verifyApiKey(context, request);
    }

    private async verifyApiKey(context: ExecutionContext, request: AuthenticatedRequest): Promise<boolean> {
      await this.apiKey.canActivate(context);
      this.accepted((request.user as Principal).apiKeyId as string);
      return true;
    }

    private accepted(keyId: string): void {
      this.usage.record(keyId);
      this.apiKeyRequests.inc({ key_id: keyId, outcome: 'accepted' });
    }
  }
  return AuthenticationGuard;
}

function refuseKeyInUrl(url: string | undefined): void {
  const queryStart = url?.indexOf('?') ?? -1;
  if (url === undefined || queryStart === -1) return;
  for (const name of new URLSearchParams(url.slice(queryStart + 1)).keys()) {
    if (KEY_QUERY_PARAMETERS.has(name.toLowerCase())) {
      // URLs end up in proxy logs, browser history and Referer headers: a key there is leaked.
      throw new InvalidRequestError(
        `API keys are never accepted in the URL (query parameter "${name}"): send the x-api-key-id and x-api-key headers`,
      );
    }
  }
}
