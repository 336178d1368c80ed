// The public API of @platform/api-catalog: each platform API, its audience and its scopes, once.
export { API_CATALOG } from './lib/api-catalog';
export { ORDERS_API, OrderScopes } from './lib/orders-api.definition';
export { PAYMENTS_API, PaymentScopes } from './lib/payments-api.definition';
export { scopesOf, type PlatformApi, type Scope } from './lib/platform-api';
