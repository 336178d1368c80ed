import { ORDERS_API, OrderScopes, scopesOf } from '@platform/api-catalog';

/** Managing API keys (the admin routes): a bearer token with this scope. */
export const API_KEY_ADMIN_SCOPE = OrderScopes.adminApiKeys;

/** What a key may be given: the scopes orders-api understands, but never the right to manage keys. */
export const GRANTABLE_API_KEY_SCOPES: readonly string[] = scopesOf(ORDERS_API).filter((scope) => scope !== API_KEY_ADMIN_SCOPE);
