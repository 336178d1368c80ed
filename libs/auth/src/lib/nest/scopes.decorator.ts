import { SetMetadata } from '@nestjs/common';
import { scopeRequirement } from '../core/scopes';
import { REQUIRED_SCOPES } from './auth.constants';

/**
 * Requires every listed scope; otherwise 403 `insufficient_scope`.
 *
 * @example
 * @Scopes('write:orders')
 * @Post('orders')
 * create() {}
 */
export const Scopes = (...scopes: [string, ...string[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopeRequirement('all', scopes));

/**
 * Requires at least one of the listed scopes.
 *
 * @example
 * @AnyScope('read:orders', 'read:orders:own', 'read:orders:any')
 * @Get('orders')
 * list() {}
 */
export const AnyScope = (...scopes: [string, ...string[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(REQUIRED_SCOPES, scopeRequirement('any', scopes));

/**
 * Any authenticated caller, whatever its scopes. Routes behave so without a decorator too;
 * this one says it on purpose, so a review (and `routesWithoutAccessDecision`) can tell.
 *
 * @example
 * @Authenticated()
 * @Get('me')
 * me(@CurrentPrincipal() principal: Principal) {}
 */
export const Authenticated = (): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPES, scopeRequirement('all', []));
