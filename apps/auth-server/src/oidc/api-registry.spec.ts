import { clientScopesForApi, PLATFORM_APIS, resolveRequestedApi, TargetError } from './api-registry';

const [ordersApi, paymentsApi] = PLATFORM_APIS;

function targetError(run: () => unknown): TargetError {
  try {
    run();
  } catch (error) {
    if (error instanceof TargetError) return error;
    throw error;
  }
  throw new Error('expected a TargetError');
}

describe('resolveRequestedApi', () => {
  it('finds an API by its resource indicator', () => {
    expect(resolveRequestedApi(PLATFORM_APIS, { resource: 'urn:orders-api' })).toBe(ordersApi);
  });

  it('finds an API by its audience, as Auth0-style clients send it', () => {
    expect(resolveRequestedApi(PLATFORM_APIS, { audience: 'payments-api' })).toBe(paymentsApi);
  });

  it('accepts resource and audience that name the same API', () => {
    expect(resolveRequestedApi(PLATFORM_APIS, { resource: 'urn:orders-api', audience: 'orders-api' })).toBe(ordersApi);
  });

  it('names no API when neither is sent', () => {
    expect(resolveRequestedApi(PLATFORM_APIS, {})).toBeUndefined();
    expect(resolveRequestedApi(PLATFORM_APIS, { resource: '', audience: '' })).toBeUndefined();
  });

  it('refuses resource and audience that name different APIs with invalid_target', () => {
    const error = targetError(() => resolveRequestedApi(PLATFORM_APIS, { resource: 'urn:orders-api', audience: 'payments-api' }));
    expect(error.code).toBe('invalid_target');
  });

  it('refuses an unknown resource or audience with invalid_target', () => {
    expect(targetError(() => resolveRequestedApi(PLATFORM_APIS, { resource: 'urn:unknown-api' })).code).toBe('invalid_target');
    expect(targetError(() => resolveRequestedApi(PLATFORM_APIS, { audience: 'unknown-api' })).code).toBe('invalid_target');
  });

  it('refuses a request that names two APIs with invalid_target', () => {
    const error = targetError(() => resolveRequestedApi(PLATFORM_APIS, { resource: ['urn:orders-api', 'urn:payments-api'] }));
    expect(error.code).toBe('invalid_target');
  });
});

describe('clientScopesForApi', () => {
  it('keeps the scopes of that API the client may have, in the API order', () => {
    expect(clientScopesForApi(ordersApi, 'process:payment write:orders:status openid read:orders:any')).toEqual([
      'read:orders:any',
      'write:orders:status',
    ]);
  });

  it('refuses a client with no scope for that API with invalid_scope', () => {
    expect(targetError(() => clientScopesForApi(paymentsApi, 'admin:api-keys')).code).toBe('invalid_scope');
    expect(targetError(() => clientScopesForApi(paymentsApi, undefined)).code).toBe('invalid_scope');
  });
});
