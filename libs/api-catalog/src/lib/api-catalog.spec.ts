import { API_CATALOG } from './api-catalog';
import { ORDERS_API } from './orders-api.definition';
import { PAYMENTS_API } from './payments-api.definition';
import { scopesOf } from './platform-api';

describe('API catalog', () => {
  const everyScope = API_CATALOG.flatMap(scopesOf);

  it('names every scope action:resource[:qualifier]', () => {
    expect(everyScope.filter((scope) => !/^[a-z]+:[a-z-]+(:[a-z]+)?$/.test(scope))).toEqual([]);
  });

  it('gives each scope to one API only', () => {
    expect(new Set(everyScope).size).toBe(everyScope.length);
  });

  it('gives each API its own identifier and audience', () => {
    expect(new Set(API_CATALOG.map((api) => api.identifier)).size).toBe(API_CATALOG.length);
    expect(new Set(API_CATALOG.map((api) => api.audience)).size).toBe(API_CATALOG.length);
  });

  it('lists the scopes in the order the auth-server publishes them', () => {
    expect(scopesOf(ORDERS_API)).toEqual([
      'read:orders',
      'read:orders:own',
      'read:orders:any',
      'write:orders',
      'write:orders:status',
      'admin:api-keys',
    ]);
    expect(scopesOf(PAYMENTS_API)).toEqual(['process:payment', 'read:payments']);
  });
});
