import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { HeaderAPIKeyStrategy as HeaderApiKeyStrategy } from 'passport-headerapikey';
import { InvalidApiKeyError } from '../core/auth-error';
import type { ApiKeyVerifier } from '../core/api-keys/api-key-verifier';
import type { Principal } from '../core/principal';
import { API_KEY_VERIFIER } from './api-key.providers';
import type { AuthenticatedRequest } from './http-request';

/** The id and secret of an API key, as read from the two headers. */
export interface ApiKeyCredentials {
  readonly id: string;
  readonly secret: string;
}

type Verified = (error: unknown, user?: Principal | false) => void;

/**
 * passport-headerapikey reads one header, and with `passReqToCallback` it passes `req` after
 * the callback, which breaks @nestjs/passport's `validate(..., done)` convention
 * (nestjs/passport#1857). This subclass reads both headers and hands `validate` one value,
 * `{ id, secret }`, so the callback stays last.
 */
export class TwoHeaderApiKeyStrategy extends HeaderApiKeyStrategy {
  constructor(verify: (credentials: ApiKeyCredentials, verified: Verified) => void) {
    super({ header: 'x-api-key', prefix: '' }, false, verify as unknown as ConstructorParameters<typeof HeaderApiKeyStrategy>[2]);
  }

  override authenticate(req: Pick<AuthenticatedRequest, 'headers'>): void {
    const id = req.headers['x-api-key-id'];
    const secret = req.headers['x-api-key'];
    if (typeof id !== 'string' || typeof secret !== 'string' || id === '' || secret === '') {
      this.error(new InvalidApiKeyError('invalid_api_key', 'an API key needs both the x-api-key-id and the x-api-key header', undefined));
      return;
    }
    const verify = this.verify as unknown as (credentials: ApiKeyCredentials, verified: Verified) => void;
    verify({ id, secret }, (error, user) => {
      if (error) this.error(error as Error);
      else if (user) this.success(user);
      else this.fail(401);
    });
  }
}

/** The API-key strategy under a name unique to its AuthModule (passport's registry is process-wide). */
export function apiKeyStrategyNamed(name: string) {
  @Injectable()
  class ApiKeyStrategy extends PassportStrategy(TwoHeaderApiKeyStrategy, name) {
    constructor(@Inject(API_KEY_VERIFIER) private readonly verifier: ApiKeyVerifier) {
      super();
    }

    validate(credentials: ApiKeyCredentials): Promise<Principal> {
      return this.verifier.verify(credentials.id, credentials.secret);
    }
  }
  return ApiKeyStrategy;
}
