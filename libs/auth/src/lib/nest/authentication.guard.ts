import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { authErrorFromVerification } from '../core/auth-error-from-verification';
import { readBearerToken } from '../core/bearer-token';
import type { Principal } from '../core/principal';
import { VerifiedTokenCache } from '../core/verified-token-cache';
import type { AuthenticatedRequest } from './http-request';
import { isPublicRoute } from './is-public-route';

/**
 * The global guard: every route needs a valid bearer token unless it is `@Public()`.
 * Failures are thrown as `AuthError`s that keep their reason (the stock AuthGuard turns every
 * failure into a bare 401). A header value already verified is answered from `VerifiedTokenCache`.
 */
export function authenticationGuardFor(strategyName: string) {
  @Injectable()
  class AuthenticationGuard extends AuthGuard(strategyName) {
    constructor(
      private readonly reflector: Reflector,
      private readonly verifiedTokens: VerifiedTokenCache,
    ) {
      super();
    }

    override canActivate(context: ExecutionContext): boolean | Promise<boolean> {
      if (isPublicRoute(this.reflector, context)) {
        return true;
      }
      const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
      // The hot path: a header value verified before is answered without parsing it again, and
      // synchronously (every await in a guard costs the whole route a measurable share).
      const authorization = request.headers['authorization'];
      const cached = typeof authorization === 'string' ? this.verifiedTokens.get(authorization) : undefined;
      if (cached) {
        request.user = cached;
        return true;
      }
      return this.verify(context, request, authorization);
    }

    private async verify(
      context: ExecutionContext,
      request: AuthenticatedRequest,
      authorization: string | string[] | undefined,
    ): Promise<boolean> {
      // Throws the precise 400/401 for a missing or malformed header before passport reads it.
      readBearerToken(authorization);
      await super.canActivate(context);
      const principal = request.user as Principal;
      this.verifiedTokens.set(authorization as string, principal, principal.claims['exp'] as number);
      return true;
    }

    override handleRequest<TUser = Principal>(error: unknown, user: TUser | false, info: unknown): TUser {
      if (user) {
        return user;
      }
      throw authErrorFromVerification(error ?? info);
    }
  }
  return AuthenticationGuard;
}
