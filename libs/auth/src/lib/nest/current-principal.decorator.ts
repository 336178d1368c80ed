import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { MissingCredentialsError } from '../core/auth-error';
import type { Principal } from '../core/principal';
import type { AuthenticatedRequest } from './http-request';

/**
 * The authenticated caller of this request.
 *
 * @example
 * @Get('me')
 * me(@CurrentPrincipal() principal: Principal) { return principal.sub; }
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!principal) {
    // Only reachable on a @Public() route, where no credentials were checked.
    throw new MissingCredentialsError();
  }
  return principal;
});
