import { JsonWebTokenError, NotBeforeError, TokenExpiredError } from 'jsonwebtoken';
import { AuthError, InvalidTokenError } from './auth-error';

/**
 * Names the reason a token failed verification. Passport hands the verifier's error over as
 * `info`; the stock guard drops it, so each error is mapped to a reason here instead.
 */
export function authErrorFromVerification(failure: unknown): AuthError {
  if (failure instanceof AuthError) {
    return failure;
  }
  if (failure instanceof TokenExpiredError) {
    return new InvalidTokenError('expired', 'the token has expired');
  }
  if (failure instanceof NotBeforeError) {
    return new InvalidTokenError('not_yet_valid', 'the token is not valid yet (nbf)');
  }
  if (failure instanceof JsonWebTokenError) {
    const message = failure.message;
    if (message.startsWith('jwt audience invalid')) {
      return new InvalidTokenError('wrong_audience', 'the token was not issued for this API (aud)');
    }
    if (message.startsWith('jwt issuer invalid')) {
      return new InvalidTokenError('wrong_issuer', 'the token was not issued by the trusted issuer (iss)');
    }
    if (message === 'invalid signature') {
      return new InvalidTokenError('bad_signature', 'the token signature does not verify');
    }
    if (message === 'invalid algorithm' || message === 'jwt signature is required') {
      return new InvalidTokenError('alg_not_allowed', 'the token algorithm is not accepted');
    }
  }
  return new InvalidTokenError('malformed', 'the token could not be parsed as a JWT access token');
}
