import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MissingCredentialsError } from '../core/auth-error';
import { assertScopes } from '../core/scopes';
import type { AuthenticatedRequest } from './http-request';
import { routeAccess } from './route-access';

/** Enforces `@Scopes()` / `@AnyScope()` after `AuthenticationGuard` has set the principal. */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const { isPublic, requirement } = routeAccess(this.reflector, context);
    if (isPublic) {
      return true;
    }
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (!principal) {
      throw new MissingCredentialsError();
    }
    if (requirement) {
      assertScopes(principal.scopes, requirement);
    }
    return true;
  }
}
