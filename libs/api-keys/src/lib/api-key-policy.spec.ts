import { ConfigError } from '@platform/server-kit';
import { type ApiKeyPolicy, checkApiKeyPolicy } from './api-key-policy';

describe('checkApiKeyPolicy', () => {
  const policy: ApiKeyPolicy = { schema: 'orders_api', grantableScopes: ['read:orders'], adminScope: 'admin:api-keys' };

  function problems(overrides: Partial<ApiKeyPolicy>): readonly string[] {
    try {
      checkApiKeyPolicy({ ...policy, ...overrides });
    } catch (error) {
      if (error instanceof ConfigError) return error.problems;
      throw error;
    }
    return [];
  }

  it('accepts a schema, scopes to grant and an admin scope outside them', () => {
    expect(problems({})).toEqual([]);
  });

  it('refuses to let a key have the admin scope', () => {
    expect(problems({ grantableScopes: ['read:orders', 'admin:api-keys'] })).toEqual([
      'API keys: the admin scope admin:api-keys must not be grantable to a key',
    ]);
  });

  it('refuses a policy that grants nothing, and a schema that is not a plain identifier, at once', () => {
    expect(problems({ grantableScopes: [], schema: 'orders"; DROP' })).toEqual([
      'API keys: schema must be a lower-case PostgreSQL identifier, got "orders"; DROP"',
      'API keys: grantableScopes must name at least one scope',
    ]);
  });
});
