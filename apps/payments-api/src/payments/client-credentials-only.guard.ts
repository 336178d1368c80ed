import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest, Principal } from '@platform/auth';

/**
 * Lets through only machine-to-machine callers: a bearer token from the client-credentials
 * grant, where the subject is the client itself (`sub` = `client_id`). A token issued to a user
 * (even through a client allowed to pay) and an API key are refused with 403. Runs after the
 * global authentication and scope guards, so the principal is set and its scopes already checked.
 */
@Injectable()
export class ClientCredentialsOnlyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
    const refusal = principal ? whyNotClientCredentials(principal) : 'the request carries no authenticated caller';
    if (refusal !== undefined) {
      throw new ForbiddenException({ statusCode: 403, error: 'Forbidden', message: `payments are made by services only: ${refusal}` });
    }
    return true;
  }
}

function whyNotClientCredentials(principal: Principal): string | undefined {
  if (principal.authMethod !== 'bearer') {
    return 'API keys are not accepted; use a client-credentials bearer token';
  }
  if (principal.clientId === null || principal.sub !== principal.clientId) {
    return 'this token was issued to a user (sub is not the client_id); use a client-credentials token';
  }
  return undefined;
}
