import { SetMetadata } from '@nestjs/common';
import type { AuthMethod } from '../core/principal';
import { AUTH_METHODS } from './auth.constants';

/**
 * Which credentials a route accepts; without it, bearer tokens only. With both, a request that
 * sends `x-api-key-id` / `x-api-key` is checked as an API key, any other as a bearer token.
 *
 * @example
 * @AuthMethods('api_key')
 * @Scopes('read:orders')
 * @Get('partner/orders/:id')
 * partnerOrder() {}
 */
export const AuthMethods = (...methods: [AuthMethod, ...AuthMethod[]]): MethodDecorator & ClassDecorator =>
  SetMetadata(AUTH_METHODS, methods);
