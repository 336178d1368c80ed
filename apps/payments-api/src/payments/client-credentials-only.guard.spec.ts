import type { ExecutionContext } from '@nestjs/common';
import { AuthError, type Principal } from '@platform/auth';
import { ClientCredentialsOnlyGuard } from './client-credentials-only.guard';

function contextFor(user: Principal | undefined): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ headers: {}, user }) }) } as unknown as ExecutionContext;
}

function principal(overrides: Partial<Principal>): Principal {
  return {
    sub: 'job-runner',
    clientId: 'job-runner',
    scopes: ['process:payment'],
    authMethod: 'bearer',
    isClientCredentials: true,
    claims: {},
    ...overrides,
  };
}

function refusalOf(user: Principal | undefined): AuthError {
  try {
    new ClientCredentialsOnlyGuard().canActivate(contextFor(user));
  } catch (error) {
    if (error instanceof AuthError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('ClientCredentialsOnlyGuard', () => {
  it('lets through a client-credentials bearer token', () => {
    expect(new ClientCredentialsOnlyGuard().canActivate(contextFor(principal({})))).toBe(true);
  });

  it.each([
    ['a user token', principal({ sub: 'user-123', clientId: 'orders-spa', isClientCredentials: false }), 'issued to a user'],
    ['an API key, even for the same client', principal({ authMethod: 'api_key', isClientCredentials: false }), 'not API keys'],
  ])('refuses %s with 403 not_client_credentials saying why', (_name, user, why) => {
    const refusal = refusalOf(user);
    expect(refusal).toMatchObject({ status: 403, reason: 'not_client_credentials' });
    expect(refusal.toResponseBody()).toEqual({
      error: 'forbidden',
      error_description: expect.stringContaining(why),
      reason: 'not_client_credentials',
    });
    expect(refusal.wwwAuthenticate('payments-api')).toBe('Bearer realm="payments-api"');
  });

  it('refuses a request without a principal as missing credentials', () => {
    expect(refusalOf(undefined)).toMatchObject({ status: 401, reason: 'missing_token' });
  });
});
