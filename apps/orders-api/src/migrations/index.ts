import { CreateOrders1764345600000 } from './1764345600000-create-orders';

/** Every migration of orders-api, oldest first. */
export const ORDERS_MIGRATIONS = [CreateOrders1764345600000];
