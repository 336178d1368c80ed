import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy } from 'passport-headerapikey';
import { Authenticator } from '../core/authenticator';
import type { Principal } from '../core/principal';
import type { AuthenticatedRequest } from './http-request';
import { authenticateWithCore } from './passport-adapter';

const API_KEY: readonly ['api_key'] = ['api_key'];

/**
 * The `api-key` passport strategy (`AuthGuard('api-key')`): a key is two headers, `x-api-key-id`
 * and `x-api-key`. passport-headerapikey reads one header, and with `passReqToCallback` it passes
 * `req` after the callback, which breaks @nestjs/passport's `validate(..., done)` convention
 * (nestjs/passport#1857); so `authenticate` hands both headers to the core `Authenticator`, as the
 * global `AuthenticationGuard` does. Override `validate` to add to the principal.
 */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderAPIKeyStrategy, 'api-key') {
  constructor(private readonly authenticator: Authenticator) {
    super({ header: 'x-api-key', prefix: '' }, false);
  }

  override authenticate(request: Pick<AuthenticatedRequest, 'headers'>): void {
    authenticateWithCore(this, this.authenticator, request.headers, API_KEY);
  }

  /** The verified principal; override to add to it, or throw an `AuthError` to refuse it. */
  validate(principal: Principal): Principal | Promise<Principal> {
    return principal;
  }
}
