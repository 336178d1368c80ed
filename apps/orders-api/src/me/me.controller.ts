import { Controller, Get } from '@nestjs/common';
import { type AuthMethod, AuthMethods, Authenticated, CurrentPrincipal, type Principal } from '@platform/auth';

export interface MeView {
  sub: string;
  clientId: string | null;
  scopes: readonly string[];
  authMethod: AuthMethod;
}

@Controller('me')
export class MeController {
  /** Who the caller is, as the API sees it: for an API key, its client (`sub` = `clientId`). */
  @AuthMethods('bearer', 'api_key')
  @Authenticated()
  @Get()
  me(@CurrentPrincipal() principal: Principal): MeView {
    return { sub: principal.sub, clientId: principal.clientId, scopes: principal.scopes, authMethod: principal.authMethod };
  }
}
