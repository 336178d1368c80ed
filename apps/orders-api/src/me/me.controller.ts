import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { AuthMethods, Authenticated, CurrentPrincipal, type Principal } from '@platform/auth';
import { MeView } from './me.view';

@Controller('me')
export class MeController {
  /** Who the caller is, as the API sees it: for an API key, its client (`sub` = `clientId`). */
  @AuthMethods('bearer', 'api_key')
  @Authenticated()
  @Get()
  @ApiOkResponse({ type: MeView, description: 'the principal the credentials produced' })
  me(@CurrentPrincipal() principal: Principal): MeView {
    return { sub: principal.sub, clientId: principal.clientId, scopes: principal.scopes, authMethod: principal.authMethod };
  }
}
