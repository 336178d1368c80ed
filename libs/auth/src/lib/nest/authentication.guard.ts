import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticator } from '../core/authenticator';
import { refuseCredentialsInUrl } from '../core/credentials-in-url';
import type { AuthenticatedRequest } from './http-request';
import { routeAccess } from './route-access';

/**
 * The global guard: every route needs a valid credential unless it is `@Public()`; which kinds
 * it accepts is `@AuthMethods()` (bearer tokens only by default). It calls the core
 * `Authenticator` directly rather than through passport: a credential verified before is answered
 * synchronously, and failures are thrown as `AuthError`s that keep their reason. The `jwt` and
 * `api-key` passport strategies call the same core, for routes that use `AuthGuard('jwt')`.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    refuseCredentialsInUrl(request.url);
    const access = routeAccess(this.reflector, context);
    if (access.isPublic) {
      return true;
    }
    // The hot path: no promise when the credential was verified before (every await in a guard
    // costs the whole route a measurable share).
    const cached = this.authenticator.cached(request.headers, access.methods);
    if (cached !== undefined) {
      request.user = cached;
      return true;
    }
    return this.authenticator.authenticate(request.headers, access.methods).then((principal) => {
      request.user = principal;
      return true;
    });
  }
}
