import { InvalidRequestError, MissingCredentialsError } from './auth-error';

// RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * Reads the bearer token from an `Authorization` header value. Only the header is ever read:
 * tokens in query strings or bodies end up in logs and are ignored on purpose.
 *
 * @throws MissingCredentialsError when there is no header or it uses another scheme
 * @throws InvalidRequestError when the header says Bearer but is malformed
 *
 * @example
 * readBearerToken('Bearer eyJhbGciOi...'); // 'eyJhbGciOi...'
 */
export function readBearerToken(authorization: string | string[] | undefined): string {
  if (authorization === undefined || authorization === '') {
    throw new MissingCredentialsError();
  }
  if (Array.isArray(authorization)) {
    throw new InvalidRequestError('send exactly one Authorization header');
  }
  const [scheme = '', ...credentials] = authorization.trim().split(/\s+/);
  if (scheme.toLowerCase() !== 'bearer') {
    throw new MissingCredentialsError('this resource accepts only the Bearer authentication scheme');
  }
  if (credentials.length === 0) {
    throw new InvalidRequestError('the Bearer scheme was sent without a token');
  }
  if (credentials.length > 1) {
    throw new InvalidRequestError('the Authorization header carries more than one token');
  }
  const token = credentials[0];
  if (!B64TOKEN.test(token)) {
    throw new InvalidRequestError('the bearer token contains characters a token cannot have');
  }
  return token;
}
