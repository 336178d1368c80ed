import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { assertClientCredentials, type AuthenticatedRequest, MissingCredentialsError } from '@platform/auth';

/**
 * Lets through only machine-to-machine callers: a bearer token a client obtained for itself,
 * by the platform's machine-token rules (`principal.isClientCredentials`). A token issued to a
 * user (even through a client allowed to pay) and an API key are refused with 403
 * `not_client_credentials`, counted and logged like every refusal. Runs after the global
 * authentication and scope guards, so the principal is set and its scopes already checked.
 */
@Injectable()
export class ClientCredentialsOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    if (principal === undefined) throw new MissingCredentialsError();
    assertClientCredentials(principal);
    return true;
  }
}
