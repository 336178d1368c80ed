import { resolveAuthOptions } from '../access-token-policy';
import { AuthError } from '../auth-error';
import { principalFromIntrospection } from './principal-from-introspection';

const ISSUER = 'https://auth.example.com';
const policy = resolveAuthOptions({ issuer: [ISSUER, 'https://other.example'], audience: 'orders-api' });
const NOW_S = 1_800_000_000;

function active(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    active: true,
    iss: ISSUER,
    aud: 'orders-api',
    sub: 'alice',
    client_id: 'orders-spa',
    scope: 'read:orders write:orders',
    token_type: 'Bearer',
    exp: NOW_S + 600,
    iat: NOW_S,
    ...overrides,
  };
}

function refusal(response: Record<string, unknown>): AuthError {
  try {
    principalFromIntrospection(response, policy, NOW_S);
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

describe('principalFromIntrospection', () => {
  it('turns an active answer into a bearer principal, by the rules of a JWT', () => {
    expect(principalFromIntrospection(active(), policy, NOW_S)).toMatchObject({
      sub: 'alice',
      clientId: 'orders-spa',
      scopes: ['read:orders', 'write:orders'],
      authMethod: 'bearer',
      isClientCredentials: false,
    });
  });

  it('recognises a machine token as a JWT would be (sub = client), and takes an answer without iss or token_type', () => {
    const response = active({ sub: 'job-runner', client_id: 'job-runner', iss: undefined, token_type: undefined });
    expect(principalFromIntrospection(response, policy, NOW_S)).toMatchObject({ isClientCredentials: true, clientId: 'job-runner' });
  });

  it.each([
    ['inactive', { active: false }, 'inactive_token'],
    ['"active": "true" (a string)', { active: 'true' }, 'inactive_token'],
    ['a refresh token', { token_type: 'refresh_token' }, 'wrong_token_type'],
    ['a DPoP-bound token', { token_type: 'DPoP' }, 'wrong_token_type'],
    ['from an unlisted issuer', { iss: 'https://evil.example' }, 'wrong_issuer'],
    ['for another API', { aud: ['payments-api'] }, 'wrong_audience'],
    ['without aud', { aud: undefined }, 'wrong_audience'],
    ['without exp', { exp: undefined }, 'malformed'],
    ['expired beyond the clock tolerance', { exp: NOW_S - 61 }, 'expired'],
    ['without sub', { sub: undefined }, 'malformed'],
    ['with a scope of another type', { scope: 42 }, 'malformed'],
  ])('refuses an answer %s', (_case, overrides: Record<string, unknown>, reason) => {
    // An inactive answer carries nothing but `active` (RFC 7662 section 2.2).
    const response = overrides['active'] === false ? { active: false } : active(overrides);
    expect(refusal(response)).toMatchObject({ status: 401, code: 'invalid_token', reason });
  });

  it('names the trusted issuer of a refused answer (the metric label), and none for an unlisted one', () => {
    expect(refusal(active({ aud: 'payments-api' })).issuer).toBe(ISSUER);
    expect(refusal(active({ iss: 'https://evil.example' })).issuer).toBeUndefined();
  });
});
