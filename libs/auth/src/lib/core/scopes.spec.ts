import { AuthError, InsufficientScopeError } from './auth-error';
import { assertScopes, scopeRequirement } from './scopes';

function failureOf(granted: string[], mode: 'all' | 'any', scopes: string[]): InsufficientScopeError {
  try {
    assertScopes(granted, scopeRequirement(mode, scopes));
  } catch (error) {
    if (error instanceof InsufficientScopeError) return error;
    throw error;
  }
  throw new Error('expected the scopes to be refused');
}

describe('scopeRequirement', () => {
  it('copies the scopes, so later changes to the caller array do not change the requirement', () => {
    const scopes = ['read:orders'];
    const requirement = scopeRequirement('all', scopes);
    scopes.push('admin:api-keys');
    expect(requirement).toEqual({ mode: 'all', scopes: ['read:orders'] });
  });

  it.each(['', 'read orders', 'say"hi"', 'back\\slash', 'café'])('refuses %j: not an RFC 6749 scope-token', (scope) => {
    expect(() => scopeRequirement('all', ['read:orders', scope])).toThrow(TypeError);
    expect(() => scopeRequirement('all', [scope])).toThrow(`"${scope}" is not a valid OAuth scope name`);
  });
});

describe('assertScopes', () => {
  it('all: passes when every required scope is granted', () => {
    expect(() =>
      assertScopes(['read:orders', 'write:orders', 'x'], scopeRequirement('all', ['write:orders', 'read:orders'])),
    ).not.toThrow();
  });

  it('all: an empty requirement (@Authenticated) passes with no scopes', () => {
    expect(() => assertScopes([], scopeRequirement('all', []))).not.toThrow();
  });

  it('all: refuses a principal missing one of the scopes with 403 insufficient_scope naming all of them', () => {
    const error = failureOf(['read:orders'], 'all', ['read:orders', 'write:orders']);
    expect(error).toBeInstanceOf(AuthError);
    expect(error).toMatchObject({
      status: 403,
      code: 'insufficient_scope',
      reason: 'insufficient_scope',
      requiredScopes: ['read:orders', 'write:orders'],
      description: 'this request needs the scopes read:orders write:orders',
    });
  });

  it('all: names a single missing scope in the singular', () => {
    expect(failureOf([], 'all', ['write:orders']).description).toBe('this request needs the scope write:orders');
  });

  it('any: passes when at least one listed scope is granted', () => {
    expect(() => assertScopes(['read:orders:any'], scopeRequirement('any', ['read:orders', 'read:orders:any']))).not.toThrow();
  });

  it('any: refuses a principal with none of the scopes, naming the alternatives', () => {
    expect(failureOf(['read:orders:own', 'write:orders'], 'any', ['read:orders', 'read:orders:any'])).toMatchObject({
      status: 403,
      requiredScopes: ['read:orders', 'read:orders:any'],
      description: 'this request needs one of the scopes read:orders, read:orders:any',
    });
  });

  it('matches scopes exactly: read:orders does not grant read:orders:any, nor the other way round', () => {
    expect(failureOf(['read:orders'], 'all', ['read:orders:any']).reason).toBe('insufficient_scope');
    expect(failureOf(['read:orders:any'], 'all', ['read:orders']).reason).toBe('insufficient_scope');
    expect(failureOf(['READ:ORDERS'], 'any', ['read:orders']).reason).toBe('insufficient_scope');
  });
});
