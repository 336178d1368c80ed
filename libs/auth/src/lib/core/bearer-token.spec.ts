import { AuthError, InvalidRequestError, MissingCredentialsError } from './auth-error';
import { readBearerToken } from './bearer-token';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';

function failureOf(authorization: string | string[] | undefined): AuthError {
  try {
    readBearerToken(authorization);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(authorization)} to be refused`);
}

describe('readBearerToken', () => {
  it('returns the token of a Bearer header', () => {
    expect(readBearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
  });

  it.each(['bearer', 'BEARER', 'BeArEr'])('treats the scheme case-insensitively (%s)', (scheme) => {
    expect(readBearerToken(`${scheme} ${TOKEN}`)).toBe(TOKEN);
  });

  it('accepts b64token characters and trailing padding (RFC 6750 section 2.1)', () => {
    expect(readBearerToken('Bearer aZ09-._~+/==')).toBe('aZ09-._~+/==');
  });

  it.each([
    ['no header', undefined],
    ['an empty header', ''],
    ['another scheme (Basic)', 'Basic dXNlcjpwYXNz'],
    ['another scheme (Token)', `Token ${TOKEN}`],
  ])('answers %s with a bare 401 challenge: MissingCredentialsError, reason missing_token', (_case, header) => {
    const error = failureOf(header);
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect(error).toMatchObject({ status: 401, code: undefined, reason: 'missing_token' });
  });

  it.each([
    ['Bearer with no token', 'Bearer'],
    ['Bearer followed only by spaces', 'Bearer   '],
    ['two tokens', `Bearer ${TOKEN} ${TOKEN}`],
    ['an array header (sent twice)', [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]],
    ['a token with a comma', `Bearer ${TOKEN},x`],
    ['a token with a quote', `Bearer "${TOKEN}"`],
    ['a token with padding in the middle', 'Bearer abc=def'],
    ['a token with non-ASCII characters', 'Bearer tökén'],
  ])('refuses %s with 400 invalid_request, reason malformed', (_case, header) => {
    const error = failureOf(header);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 400, code: 'invalid_request', reason: 'malformed' });
  });
});
