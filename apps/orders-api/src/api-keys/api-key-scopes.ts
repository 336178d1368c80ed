import { OrderScopes } from '../orders/order-scopes';

/** Managing API keys (the admin routes): a bearer token with this scope. */
export const API_KEY_ADMIN_SCOPE = 'admin:api-keys';

/** What a key may be given: the scopes orders-api understands, and nothing else. */
export const GRANTABLE_API_KEY_SCOPES: readonly string[] = Object.values(OrderScopes);
