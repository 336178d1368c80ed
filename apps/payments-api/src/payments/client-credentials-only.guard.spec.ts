import { type ExecutionContext, ForbiddenException } from '@nestjs/common';
import type { Principal } from '@platform/auth';
import { ClientCredentialsOnlyGuard } from './client-credentials-only.guard';

function contextFor(user: Principal | undefined): ExecutionContext {
  return { switchToHttp: () => ({ getRequest: () => ({ headers: {}, user }) }) } as unknown as ExecutionContext;
}

function principal(overrides: Partial<Principal>): Principal {
  return { sub: 'job-runner', clientId: 'job-runner', scopes: ['process:payment'], authMethod: 'bearer', claims: {}, ...overrides };
}

describe('ClientCredentialsOnlyGuard', () => {
  const guard = new ClientCredentialsOnlyGuard();

  it('lets through a client-credentials bearer token (sub equals client_id)', () => {
    expect(guard.canActivate(contextFor(principal({})))).toBe(true);
  });

  it.each([
    ['a user token (sub is not the client)', principal({ sub: 'user-123', clientId: 'orders-spa' }), 'issued to a user'],
    ['a token naming no client', principal({ sub: 'job-runner', clientId: null }), 'issued to a user'],
    ['an API key, even for the same client', principal({ authMethod: 'api_key' }), 'API keys are not accepted'],
    ['a request without a principal', undefined, 'no authenticated caller'],
  ])('refuses %s with 403 saying why', (_name, user, why) => {
    let refusal: unknown;
    try {
      guard.canActivate(contextFor(user));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ForbiddenException);
    expect((refusal as ForbiddenException).getStatus()).toBe(403);
    expect((refusal as ForbiddenException).getResponse()).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringContaining(why),
    });
  });
});
