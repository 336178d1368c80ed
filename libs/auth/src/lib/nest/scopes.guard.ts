import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { MissingCredentialsError } from '../core/auth-error';
import { assertScopes, type ScopeRequirement } from '../core/scopes';
import { REQUIRED_SCOPES } from './auth.constants';
import type { AuthenticatedRequest } from './http-request';
import { isPublicRoute } from './is-public-route';

/** Enforces `@Scopes()` / `@AnyScope()` after `AuthenticationGuard` has set the principal. */
@Injectable()
export class ScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (isPublicRoute(this.reflector, context)) {
      return true;
    }
    const requirement = this.reflector.getAllAndOverride<ScopeRequirement | undefined>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
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
