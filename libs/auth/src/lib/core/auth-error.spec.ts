import { InsufficientScopeError, InvalidRequestError, InvalidTokenError, MissingCredentialsError } from './auth-error';

describe('AuthError', () => {
  describe('wwwAuthenticate', () => {
    it('gives a bare challenge with only the realm when credentials are missing (RFC 6750 section 3.1)', () => {
      expect(new MissingCredentialsError().wwwAuthenticate('orders-api')).toBe('Bearer realm="orders-api"');
    });

    it('names error and error_description for an invalid token', () => {
      const error = new InvalidTokenError('expired', 'the token has expired');
      expect(error.wwwAuthenticate('orders-api')).toBe(
        'Bearer realm="orders-api", error="invalid_token", error_description="the token has expired"',
      );
    });

    it('names invalid_request for a malformed header', () => {
      expect(new InvalidRequestError('two tokens').wwwAuthenticate('orders-api')).toBe(
        'Bearer realm="orders-api", error="invalid_request", error_description="two tokens"',
      );
    });

    it('lists the needed scopes, space-separated, for insufficient_scope', () => {
      const error = new InsufficientScopeError(['a', 'b'], 'needs a and b');
      expect(error.wwwAuthenticate('orders-api')).toBe(
        'Bearer realm="orders-api", error="insufficient_scope", error_description="needs a and b", scope="a b"',
      );
    });

    it('replaces quotes, backslashes, control and non-ASCII characters so the quoted value stays valid', () => {
      const error = new InvalidTokenError('malformed', 'say "hi" \\ café\nnext');
      expect(error.wwwAuthenticate('realm "x"')).toBe(
        `Bearer realm="realm 'x'", error="invalid_token", error_description="say 'hi' ' caf''next"`,
      );
    });
  });

  describe('toResponseBody', () => {
    it('has no error code when credentials are missing', () => {
      expect(new MissingCredentialsError().toResponseBody()).toEqual({
        error_description: 'this resource requires a bearer token in the Authorization header',
        reason: 'missing_token',
      });
    });

    it('repeats the code and names the reason for an invalid token', () => {
      expect(new InvalidTokenError('wrong_audience', 'not for this API').toResponseBody()).toEqual({
        error: 'invalid_token',
        error_description: 'not for this API',
        reason: 'wrong_audience',
      });
    });

    it('adds the needed scopes for insufficient_scope', () => {
      expect(new InsufficientScopeError(['write:orders'], 'needs write:orders').toResponseBody()).toEqual({
        error: 'insufficient_scope',
        error_description: 'needs write:orders',
        reason: 'insufficient_scope',
        scope: 'write:orders',
      });
    });

    it('keeps the description unsanitized in the JSON body', () => {
      expect(new InvalidTokenError('malformed', 'say "hi"').toResponseBody().error_description).toBe('say "hi"');
    });
  });

  it.each([
    ['MissingCredentialsError', 401, undefined, new MissingCredentialsError()],
    ['InvalidRequestError', 400, 'invalid_request', new InvalidRequestError('x')],
    ['InvalidTokenError', 401, 'invalid_token', new InvalidTokenError('expired', 'x')],
    ['InsufficientScopeError', 403, 'insufficient_scope', new InsufficientScopeError(['a'], 'x')],
  ])('%s carries status %s and code %s', (name, status, code, error) => {
    expect(error).toMatchObject({ name, status, code });
    expect(error).toBeInstanceOf(Error);
  });
});
