import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { Authenticator } from '../core/authenticator';
import type { Principal } from '../core/principal';
import type { AuthenticatedRequest } from './http-request';
import { authenticateWithCore } from './passport-adapter';

const BEARER: readonly ['bearer'] = ['bearer'];

/**
 * The `jwt` passport strategy, for routes guarded with `AuthGuard('jwt')` and for teams that
 * extend it (override `validate` to enrich or refuse the principal). A thin adapter: passport-jwt
 * would verify with jsonwebtoken; `authenticate` hands the request to the core `Authenticator`
 * instead, so every token rule lives in one place. The global `AuthenticationGuard` calls the
 * same core directly.
 *
 * Passport keeps one strategy per name per process: with two AuthModules in one process (two apps
 * in one test), `AuthGuard('jwt')` means the last one registered. The global guard is unaffected.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(private readonly authenticator: Authenticator) {
    super({
      // Required by passport-jwt's constructor, never called: authenticate below replaces its flow.
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKeyProvider: (_request: unknown, _token: unknown, done: (error: Error) => void) =>
        done(new Error('JwtStrategy verifies in the core Authenticator')),
    });
  }

  override authenticate(request: Pick<AuthenticatedRequest, 'headers'>): void {
    authenticateWithCore(this, this.authenticator, request.headers, BEARER);
  }

  /** The verified principal; override to add to it, or throw an `AuthError` to refuse it. */
  validate(principal: Principal): Principal | Promise<Principal> {
    return principal;
  }
}
