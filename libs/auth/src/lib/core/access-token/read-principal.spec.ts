import { AuthError } from '../auth-error';
import { readPrincipal } from './read-principal';

const CLAIMS = {
  iss: 'https://auth.example.com',
  aud: 'orders-api',
  sub: 'user-123',
  client_id: 'web-app',
  scope: 'read:orders  write:orders',
  exp: 1_700_000_600,
  iat: 1_700_000_000,
};

function failureOf(payload: Record<string, unknown>): AuthError {
  try {
    readPrincipal(payload);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected the claims to be refused');
}

describe('readPrincipal', () => {
  it('builds the bearer principal: sub, client_id, scopes split on spaces and the claims', () => {
    expect(readPrincipal(CLAIMS)).toEqual({
      sub: 'user-123',
      clientId: 'web-app',
      scopes: ['read:orders', 'write:orders'],
      authMethod: 'bearer',
      isClientCredentials: false,
      claims: CLAIMS,
    });
  });

  it('takes the client from azp when there is no client_id', () => {
    expect(readPrincipal({ ...CLAIMS, client_id: undefined, azp: 'spa' }).clientId).toBe('spa');
  });

  it('takes the client from cid (Okta) or appid (Entra ID v1) when there is neither client_id nor azp', () => {
    expect(readPrincipal({ ...CLAIMS, client_id: undefined, cid: 'okta-app' }).clientId).toBe('okta-app');
    expect(readPrincipal({ ...CLAIMS, client_id: undefined, appid: 'entra-app' }).clientId).toBe('entra-app');
    expect(readPrincipal({ ...CLAIMS, client_id: '', azp: 'spa' }).clientId).toBe('spa');
  });

  it('marks a client-credentials token (sub is the client) and not a user token', () => {
    expect(readPrincipal({ ...CLAIMS, sub: 'web-app' }).isClientCredentials).toBe(true);
    expect(readPrincipal(CLAIMS).isClientCredentials).toBe(false);
  });

  it('unites the scope claims: a space-separated scope and an scp array (Okta), without repeats', () => {
    expect(readPrincipal({ ...CLAIMS, scope: 'read:orders', scp: ['write:orders', 'read:orders'] }).scopes).toEqual([
      'read:orders',
      'write:orders',
    ]);
    expect(readPrincipal({ ...CLAIMS, scope: undefined, scp: 'read:orders' }).scopes).toEqual(['read:orders']);
    expect(readPrincipal({ ...CLAIMS, permissions: ['pay'] }, ['scope', 'permissions']).scopes).toEqual([
      'read:orders',
      'write:orders',
      'pay',
    ]);
    expect(readPrincipal({ ...CLAIMS, scp: 'ignored' }, ['scope']).scopes).toEqual(['read:orders', 'write:orders']);
  });

  it('prefers client_id over azp', () => {
    expect(readPrincipal({ ...CLAIMS, azp: 'spa' }).clientId).toBe('web-app');
  });

  it('sets clientId to null when the token names no client', () => {
    expect(readPrincipal({ ...CLAIMS, client_id: undefined }).clientId).toBeNull();
    expect(readPrincipal({ ...CLAIMS, client_id: 42 }).clientId).toBeNull();
  });

  it('gives no scopes when the scope claim is absent or empty', () => {
    expect(readPrincipal({ ...CLAIMS, scope: undefined }).scopes).toEqual([]);
    expect(readPrincipal({ ...CLAIMS, scope: '' }).scopes).toEqual([]);
  });

  it.each([
    ['a token without sub', { ...CLAIMS, sub: undefined }],
    ['an empty sub', { ...CLAIMS, sub: '' }],
    ['a scope claim that is a number', { ...CLAIMS, scope: 42 }],
    ['an scp array with a non-string item', { ...CLAIMS, scp: ['read:orders', 1] }],
  ])('refuses %s as invalid_token, reason malformed', (_case, payload) => {
    expect(failureOf(payload)).toMatchObject({ status: 401, code: 'invalid_token', reason: 'malformed' });
  });
});
