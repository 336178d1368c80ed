import { principalFromAccessTokenClaims } from './access-token-claims';
import { AuthError } from './auth-error';

const CLAIMS = {
  iss: 'https://auth.example.com',
  aud: 'orders-api',
  sub: 'user-123',
  client_id: 'web-app',
  scope: 'read:orders  write:orders',
  exp: 1_700_000_600,
  iat: 1_700_000_000,
};

function failureOf(payload: unknown): AuthError {
  try {
    principalFromAccessTokenClaims(payload);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected the claims to be refused');
}

describe('principalFromAccessTokenClaims', () => {
  it('builds the bearer principal: sub, client_id, scopes split on spaces and the claims', () => {
    expect(principalFromAccessTokenClaims(CLAIMS)).toEqual({
      sub: 'user-123',
      clientId: 'web-app',
      scopes: ['read:orders', 'write:orders'],
      authMethod: 'bearer',
      claims: CLAIMS,
    });
  });

  it('takes the client from azp when there is no client_id', () => {
    expect(principalFromAccessTokenClaims({ ...CLAIMS, client_id: undefined, azp: 'spa' }).clientId).toBe('spa');
  });

  it('prefers client_id over azp', () => {
    expect(principalFromAccessTokenClaims({ ...CLAIMS, azp: 'spa' }).clientId).toBe('web-app');
  });

  it('sets clientId to null when the token names no client', () => {
    expect(principalFromAccessTokenClaims({ ...CLAIMS, client_id: undefined }).clientId).toBeNull();
    expect(principalFromAccessTokenClaims({ ...CLAIMS, client_id: 42 }).clientId).toBeNull();
  });

  it('gives no scopes when the scope claim is absent or empty', () => {
    expect(principalFromAccessTokenClaims({ ...CLAIMS, scope: undefined }).scopes).toEqual([]);
    expect(principalFromAccessTokenClaims({ ...CLAIMS, scope: '' }).scopes).toEqual([]);
  });

  it.each([
    ['a payload that is not an object', 'user-123'],
    ['a null payload', null],
    ['an array payload', [CLAIMS]],
    ['a token without exp (it would never expire)', { ...CLAIMS, exp: undefined }],
    ['a non-numeric exp', { ...CLAIMS, exp: '1700000600' }],
    ['a non-finite exp', { ...CLAIMS, exp: Number.POSITIVE_INFINITY }],
    ['a token without sub', { ...CLAIMS, sub: undefined }],
    ['an empty sub', { ...CLAIMS, sub: '' }],
    ['a scope claim that is an array', { ...CLAIMS, scope: ['read:orders'] }],
  ])('refuses %s as invalid_token, reason malformed', (_case, payload) => {
    expect(failureOf(payload)).toMatchObject({ status: 401, code: 'invalid_token', reason: 'malformed' });
  });
});
