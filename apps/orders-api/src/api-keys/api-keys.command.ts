import type { ApiKeysCliOptions } from '@platform/api-keys';
import { type OrdersApiConfig, readOrdersApiConfig } from '../orders-api.config';
import { ordersDatabase } from '../orders-database';
import { ORDERS_API_KEY_POLICY } from './api-key.policy';

/** `main.js apikeys create ...` (see `runApiKeysCli`): on the server's configuration and database. */
export const ORDERS_API_KEYS_COMMAND: ApiKeysCliOptions<OrdersApiConfig> = {
  policy: ORDERS_API_KEY_POLICY,
  readConfig: readOrdersApiConfig,
  database: ordersDatabase,
  pepper: (config) => config.apiKeyPepper,
};
