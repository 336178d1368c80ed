import { ORDERS_API, OrderScopes, scopesOf } from '@platform/api-catalog';
import type { ApiKeyPolicy } from '@platform/api-keys';
import { ORDERS_SCHEMA } from '../orders-schema';

/**
 * orders-api's API keys: kept in its schema, granted its own scopes, managed with `admin:api-keys`
 * (which no key may have: managing keys stays with bearer tokens).
 */
export const ORDERS_API_KEY_POLICY: ApiKeyPolicy = {
  schema: ORDERS_SCHEMA,
  grantableScopes: scopesOf(ORDERS_API).filter((scope) => scope !== OrderScopes.adminApiKeys),
  adminScope: OrderScopes.adminApiKeys,
};
