import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { KeyObject } from 'node:crypto';
import { Strategy, type StrategyOptionsWithoutRequest } from 'passport-jwt';
import type { AccessTokenPolicy } from '../core/access-token-policy';
import { principalFromAccessTokenClaims } from '../core/access-token-claims';
import { readBearerToken } from '../core/bearer-token';
import { JwksKeyStore } from '../core/jwks-key-store';
import type { Principal } from '../core/principal';
import { selectVerificationKey } from '../core/select-verification-key';
import { AUTH_POLICY } from './auth.constants';
import type { AuthenticatedRequest } from './http-request';

/**
 * Verifies bearer access tokens with passport-jwt (jsonwebtoken underneath): the header checks
 * and the key come from the core, `iss`, `aud`, `exp`, `nbf` and the signature from jsonwebtoken.
 *
 * Passport keeps strategies in one registry per process, by name: each AuthModule registers its
 * own under `name`, so two apps in one process (tests, a gateway) never verify with the other's
 * issuer and audience.
 */
export function jwtStrategyNamed(name: string) {
  @Injectable()
  class JwtStrategy extends PassportStrategy(Strategy, name) {
    constructor(@Inject(AUTH_POLICY) policy: AccessTokenPolicy, keys: JwksKeyStore) {
      const options: StrategyOptionsWithoutRequest = {
        // AuthenticationGuard has already read and checked the header, so this cannot throw here.
        jwtFromRequest: (request: AuthenticatedRequest) => readBearerToken(request.headers['authorization']),
        secretOrKeyProvider: (_request: unknown, token: string | Buffer, done: (error: unknown, key?: KeyObject) => void) => {
          selectVerificationKey(String(token), policy, keys).then(
            (key) => done(null, key),
            (error: unknown) => done(error),
          );
        },
        algorithms: [...policy.algorithms],
        issuer: policy.issuer,
        audience: policy.audience,
        ignoreExpiration: false,
        jsonWebTokenOptions: { clockTolerance: policy.clockToleranceS },
      } as unknown as StrategyOptionsWithoutRequest;
      super(options);
    }

    validate(payload: unknown): Principal {
      return principalFromAccessTokenClaims(payload);
    }
  }
  return JwtStrategy;
}
