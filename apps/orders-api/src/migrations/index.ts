import { createApiKeysMigration } from '@platform/api-keys';
import { ORDERS_SCHEMA } from '../orders-schema';
import { CreateOrders1764345600000 } from './1764345600000-create-orders';
import { AddOrderPayment1764518400000 } from './1764518400000-add-order-payment';

/** Every migration of orders-api, oldest first (the API-key tables come from @platform/api-keys). */
export const ORDERS_MIGRATIONS = [CreateOrders1764345600000, AddOrderPayment1764518400000, createApiKeysMigration(ORDERS_SCHEMA)];
