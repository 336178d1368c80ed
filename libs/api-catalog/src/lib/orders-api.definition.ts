import type { PlatformApi } from './platform-api';

/**
 * orders-api: customers' orders, read by partners with API keys too, and the admin routes that
 * manage those keys.
 *
 * @example
 * authOptionsFromEnv(process.env, { audience: ORDERS_API.audience });
 */
export const ORDERS_API = {
  identifier: 'urn:orders-api',
  audience: 'orders-api',
  scopes: {
    /** Read one's own orders (same as `read:orders:own`). */
    read: 'read:orders',
    /** Read one's own orders, said explicitly. */
    readOwn: 'read:orders:own',
    /** Read every order, whoever owns it. */
    readAny: 'read:orders:any',
    /** Place orders. */
    write: 'write:orders',
    /** Change an order's status (the job runner marks paid orders). */
    writeStatus: 'write:orders:status',
    /** Manage partners' API keys (the admin routes); a bearer-token scope, never granted to a key. */
    adminApiKeys: 'admin:api-keys',
  },
} as const satisfies PlatformApi;

/**
 * The scopes of orders-api by name.
 *
 * @example
 * @Scopes(OrderScopes.write)
 */
export const OrderScopes = ORDERS_API.scopes;
