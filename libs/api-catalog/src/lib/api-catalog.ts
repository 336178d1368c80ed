import { ORDERS_API } from './orders-api.definition';
import { PAYMENTS_API } from './payments-api.definition';
import type { PlatformApi } from './platform-api';

/**
 * Every API of the platform, each declared once: what the auth-server issues tokens for.
 *
 * @example
 * API_CATALOG.find((api) => api.audience === 'orders-api'); // ORDERS_API
 */
export const API_CATALOG: readonly PlatformApi[] = [ORDERS_API, PAYMENTS_API];
